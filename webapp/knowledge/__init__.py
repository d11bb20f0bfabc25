"""Loading and validating the knowledge tree (data lives in the top-level knowledge/ folder)."""

from webapp.knowledge.errors import KnowledgeError, KnowledgeInvalid
from webapp.knowledge.load import load_knowledge

__all__ = ["KnowledgeError", "KnowledgeInvalid", "load_knowledge"]
