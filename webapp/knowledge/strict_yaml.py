"""Strict YAML: every scalar stays a string, duplicate keys are refused, lines are kept.

Built on yaml.BaseLoader so that `no`, `yes` and `2017-11-01` arrive exactly as written and the
schema decides what they mean. Mappings and lists come back as Node/Seq subclasses of dict/list
that remember the line of each key and item, so later checks can say `path:line`.
"""

import yaml


class Node(dict):
    """A mapping with the line of the mapping itself and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class Seq(list):
    """A list with the line of the list and of each item (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


NOT_YAML = "not valid YAML"


class StrictYamlError(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


# libyaml's parser when PyYAML was built with it (several times faster); same behaviour.
_Base = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _StrictLoader(_Base):
    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[StrictYamlError] = []


def _construct_mapping(loader, node):
    result = Node()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise StrictYamlError(key_node.start_mark.line + 1, "keys must be plain words")
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            # Reported, not fatal: the first value is kept so the rest of the file is checked.
            loader.duplicates.append(
                StrictYamlError(
                    key_node.start_mark.line + 1,
                    f"duplicate key '{key}' (first on line {result.key_lines[key]})",
                )
            )
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader, node):
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse(text: str) -> tuple[object, list[StrictYamlError]]:
    """Parse YAML text strictly.

    Returns the data and the duplicate-key problems found; raises StrictYamlError(line, message)
    when the text is not YAML at all.
    """
    loader = _StrictLoader(text)
    try:
        return loader.get_single_data(), loader.duplicates
    except StrictYamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = f"{NOT_YAML}: {exc.problem or exc.context}"
        if exc.context and exc.context_mark and exc.problem_mark:
            message += f" ({exc.context} on line {exc.context_mark.line + 1})"
        raise StrictYamlError(line, message) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise StrictYamlError(1, f"{NOT_YAML}: {exc}") from None
    finally:
        loader.dispose()
