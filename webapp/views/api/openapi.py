"""The OpenAPI 3.1 document for /api/v1 (a test keeps it in step with the routes)."""

from webapp.knowledge.answers import MONTH
from webapp.views.api import bp
from webapp.views.api.common import kenri, reply

PROBLEM = {
    "description": "Problem details (RFC 9457)",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
SESSION_ID = {"name": "session_id", "in": "path", "required": True, "schema": {"type": "string"}}
LOCALE_REF = {"$ref": "#/components/schemas/LocaleCode"}
LOCALE = {
    "name": "locale",
    "in": "query",
    "required": False,
    "schema": LOCALE_REF,
    "description": "A shipped locale, as its Babel code or BCP 47 tag (GET /locales); default en.",
}


def _json(schema_ref: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


SCHEMAS = {
    "Problem": {
        "type": "object",
        "required": ["title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "field": {"type": "string"},
            "question": {"type": "string"},
            "allowed": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Locales": {
        "type": "object",
        "required": ["locales"],
        "properties": {
            "locales": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "tag", "name"],
                    "properties": {
                        "code": {"type": "string"},
                        "tag": {"type": "string"},
                        "name": {"type": "string"},
                        "reviewed_by_native_speaker": {"type": "boolean"},
                    },
                },
            }
        },
    },
    "Option": {
        "type": "object",
        "required": ["id", "label"],
        "properties": {"id": {"type": "string"}, "label": {"type": "string"}},
    },
    "Question": {
        "type": "object",
        "required": ["id", "kind", "text", "options"],
        "properties": {
            "id": {"type": "string"},
            "topic": {"type": "string"},
            "kind": {
                "enum": ["choice", "multi", "number", "month", "prefecture"],
                "description": "multi: answer with a list of one or more option ids (or one "
                "of the standard options alone)",
            },
            "text": {"type": "string"},
            "help": {"type": ["string", "null"]},
            "options": {"type": "array", "items": {"$ref": "#/components/schemas/Option"}},
            "unit": {"type": "string"},
            "min": {"type": "number"},
            "max": {"type": "number"},
        },
    },
    "Questions": {
        "type": "object",
        "required": ["locale", "questions"],
        "properties": {
            "locale": {"type": "string"},
            "knowledge_version": {"type": "string"},
            "questions": {"type": "array", "items": {"$ref": "#/components/schemas/Question"}},
        },
    },
    "Provision": {
        "type": "object",
        "required": [
            "id",
            "instrument",
            "article",
            "paragraph",
            "binding_in_japan",
            "tier",
            "title",
            "summary",
            "source_url",
            "in_force_from",
        ],
        "properties": {
            "id": {"type": "string"},
            "instrument": {"type": "string"},
            "article": {"type": ["string", "null"]},
            "paragraph": {"type": ["string", "null"]},
            "articles": {
                "type": ["array", "null"],
                "items": {"type": "string"},
                "description": "first and last article when only the range is known",
            },
            "citation": {"type": "string"},
            "tier": {"enum": ["japanese-law", "ratified-treaty", "not-joined-standard"]},
            "binding_in_japan": {"type": "boolean"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "source_url": {"type": "string"},
            "in_force_from": {"type": "string", "format": "date"},
            "in_force_until": {"type": ["string", "null"], "format": "date"},
            "verification": {"enum": ["confirmed", "secondary", "unconfirmed"]},
            "sources": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Source"},
                "description": "GET /provisions only: where each fact was read",
            },
        },
    },
    "Source": {
        "type": "object",
        "required": ["url", "read_on", "verification"],
        "properties": {
            "url": {"type": "string"},
            "read_on": {"type": "string", "format": "date"},
            "verification": {"enum": ["confirmed", "secondary", "unconfirmed"]},
            "about": {"type": ["string", "null"]},
        },
    },
    "Provisions": {
        "type": "object",
        "required": ["provisions"],
        "properties": {
            "locale": {"type": "string"},
            "provisions": {"type": "array", "items": {"$ref": "#/components/schemas/Provision"}},
        },
    },
    "Referral": {
        "type": "object",
        "required": ["id", "name", "source_url"],
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "description": {"type": "string"},
            "languages": {"type": "array", "items": {"type": "string"}},
            "hours": {"type": ["string", "null"]},
            "phone": {"type": ["string", "null"]},
            "phone_languages": {
                "type": "array",
                "items": {"type": "string"},
                "description": "languages the phone number is answered in",
            },
            "website": {"type": ["string", "null"]},
            "source_url": {"type": "string"},
            "open_now": {
                "description": "whether the helper is open at the time of the request, where "
                "its hours are known (Japan time, national holidays counted); null otherwise",
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["open", "text", "until", "opens"],
                        "properties": {
                            "open": {"type": "boolean"},
                            "text": {"type": "string", "description": "in the result's language"},
                            "until": {"type": ["string", "null"], "format": "date-time"},
                            "opens": {"type": ["string", "null"], "format": "date-time"},
                        },
                    },
                ],
            },
        },
    },
    "Finding": {
        "type": "object",
        "required": [
            "id",
            "severity",
            "title",
            "explanation",
            "provisions",
            "actions",
            "referrals",
        ],
        "properties": {
            "id": {"type": "string"},
            "severity": {"enum": ["urgent", "serious", "concern"]},
            "title": {"type": "string"},
            "explanation": {"type": "string"},
            "may_be_crime": {"type": "boolean"},
            "crime_note": {"type": ["string", "null"]},
            "crime_article_confirmed": {
                "type": ["boolean", "null"],
                "description": "false: may be a crime, but the penal article is not yet "
                "confirmed (null when not a crime)",
            },
            "provisions": {"type": "array", "items": {"$ref": "#/components/schemas/Provision"}},
            "actions": {"type": "array", "items": {"type": "string"}},
            "evidence": {"type": "array", "items": {"type": "string"}},
            "referrals": {"type": "array", "items": {"$ref": "#/components/schemas/Referral"}},
            "why": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Result": {
        "type": "object",
        "required": ["findings", "locale", "evaluated_on"],
        "properties": {
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
            "locale": {"type": "string"},
            "evaluated_on": {"type": "string", "format": "date"},
            "knowledge_version": {"type": "string"},
            "complete": {"type": "boolean"},
            "next_question": {"type": ["string", "null"]},
            "regime": {"type": "string"},
            "facts": {
                "type": "array",
                "description": "the trainee's own answers that the hand-over summary states "
                "above the findings, in interview order",
                "items": {
                    "type": "object",
                    "required": ["question", "label", "answer_text"],
                    "properties": {
                        "question": {"type": "string"},
                        "label": {"type": "string"},
                        "answer_text": {"type": "string"},
                    },
                },
            },
            "minimum_wage": {
                "oneOf": [{"$ref": "#/components/schemas/MinimumWage"}, {"type": "null"}]
            },
            "warnings": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Warning"},
                "description": "Problems with the result itself that a front end must show, "
                "such as a minimum-wage table that has run out",
            },
        },
    },
    "MinimumWage": {
        "type": "object",
        "required": [
            "prefecture",
            "work_date",
            "hourly_rate",
            "minimum",
            "below_minimum",
            "table_outdated",
        ],
        "properties": {
            "prefecture": {"type": "string"},
            "work_date": {"type": "string", "format": "date"},
            "hourly_rate": {"type": "number"},
            "minimum": {"type": ["integer", "null"]},
            "minimum_in_force_from": {"type": ["string", "null"], "format": "date"},
            "below_minimum": {"type": "boolean"},
            "revision": {"type": ["string", "null"]},
            "verification": {
                "enum": ["confirmed", "secondary", "unconfirmed", None],
                "description": "how far the minimum can be trusted",
            },
            "checked_on": {"type": ["string", "null"], "format": "date"},
            "source_url": {"type": ["string", "null"]},
            "table_outdated": {
                "type": "boolean",
                "description": "the work date is on or after the day a newer yearly revision "
                "than the table holds may apply: minimum is only the last one known",
            },
            "next_revision_due": {"type": ["string", "null"], "format": "date"},
            "text": {"type": "string"},
            "verification_note": {"type": ["string", "null"]},
        },
    },
    "Warning": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"enum": ["minimum-wage-table-outdated"]},
            "message": {"type": "string", "description": "in the result's locale"},
            "prefecture": {"type": "string"},
            "work_date": {"type": "string", "format": "date"},
            "last_known_minimum": {"type": "integer"},
            "last_known_from": {"type": ["string", "null"], "format": "date"},
            "last_known_revision": {"type": ["string", "null"]},
            "next_revision_due": {"type": "string", "format": "date"},
        },
    },
    "SessionState": {
        "type": "object",
        "required": ["id", "done", "question"],
        "properties": {
            "id": {"type": "string"},
            "locale": {"type": "string"},
            "done": {"type": "boolean"},
            "question": {"oneOf": [{"$ref": "#/components/schemas/Question"}, {"type": "null"}]},
            "previous_question": {"type": ["string", "null"]},
            "answered": {"type": "array", "items": {"type": "object"}},
            "progress": {"type": "object"},
        },
    },
    "EvaluateRequest": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "answers": {"$ref": "#/components/schemas/Answers"},
            "locale": LOCALE_REF,
            "on": {"type": "string", "format": "date", "description": "default: today in Japan"},
        },
    },
}

PATHS = {
    "/api/v1/locales": {
        "get": {
            "summary": "Shipped locales",
            "operationId": "locales",
            "responses": {"200": _json("Locales", "Locales")},
        }
    },
    "/api/v1/questions": {
        "get": {
            "summary": "Every question with its options",
            "operationId": "questions",
            "parameters": [LOCALE],
            "responses": {"200": _json("Questions", "Questions"), "422": PROBLEM},
        }
    },
    "/api/v1/provisions": {
        "get": {
            "summary": "Every provision with its tier and dates",
            "operationId": "provisions",
            "parameters": [LOCALE],
            "responses": {"200": _json("Provisions", "Provisions"), "422": PROBLEM},
        }
    },
    "/api/v1/evaluate": {
        "post": {
            "summary": "Findings for a complete or partial answer set (stateless)",
            "operationId": "evaluate",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/EvaluateRequest"}}
                },
            },
            "responses": {
                "200": _json("Result", "Findings"),
                "400": PROBLEM,
                "413": PROBLEM,
                "415": PROBLEM,
                "422": PROBLEM,
            },
        }
    },
    "/api/v1/sessions": {
        "post": {
            "summary": "Start an interview session; returns its id and the first question",
            "operationId": "startSession",
            "requestBody": {
                "required": False,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {"locale": LOCALE_REF},
                        }
                    }
                },
            },
            "responses": {
                "201": _json("SessionState", "The new session"),
                "400": PROBLEM,
                "415": PROBLEM,
                "422": PROBLEM,
            },
        }
    },
    "/api/v1/sessions/{session_id}": {
        "parameters": [SESSION_ID],
        "get": {
            "summary": "Where the interview is: answers so far, the next question, the "
            "previous one (to go back)",
            "operationId": "sessionState",
            "parameters": [LOCALE],
            "responses": {
                "200": _json("SessionState", "The session"),
                "404": PROBLEM,
                "410": PROBLEM,
                "422": PROBLEM,
            },
        },
        "delete": {
            "summary": "Delete the session and every answer now",
            "operationId": "deleteSession",
            "responses": {"204": {"description": "Deleted"}, "404": PROBLEM, "410": PROBLEM},
        },
    },
    "/api/v1/sessions/{session_id}/answers": {
        "post": {
            "summary": "Answer the next question, or change an answer already given (going back)",
            "operationId": "answer",
            "parameters": [SESSION_ID],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/AnswerRequest"}}
                },
            },
            "responses": {
                "200": _json("SessionState", "The next question, or done"),
                "400": PROBLEM,
                "404": PROBLEM,
                "409": PROBLEM,
                "410": PROBLEM,
                "413": PROBLEM,
                "415": PROBLEM,
                "422": PROBLEM,
            },
        }
    },
    "/api/v1/sessions/{session_id}/result": {
        "get": {
            "summary": "Findings for the session's answers (also=xx adds a second locale)",
            "operationId": "sessionResult",
            "parameters": [
                SESSION_ID,
                LOCALE,
                {"name": "also", "in": "query", "required": False, "schema": LOCALE_REF},
            ],
            "responses": {
                "200": _json("Result", "Findings"),
                "404": PROBLEM,
                "410": PROBLEM,
                "422": PROBLEM,
            },
        }
    },
    "/api/v1/openapi.json": {
        "get": {
            "summary": "This document",
            "operationId": "openapi",
            "responses": {"200": {"description": "OpenAPI document"}},
        }
    },
}


def answer_schema(question) -> dict:
    """What one question accepts, exactly as the server checks it (webapp.knowledge.answers)."""
    options = {"type": "string", "enum": list(question.option_ids())}
    if question.kind == "multi":
        own = [option.id for option in question.options]
        standard = [o for o in question.option_ids() if o not in own]
        return {
            "anyOf": [
                options,  # one id: a list of one
                {"type": "array", "minItems": 1, "items": {"enum": own}},
                {"type": "array", "minItems": 1, "maxItems": 1, "items": {"enum": standard}},
            ],
            "description": "one or more option ids, or one of the standard options alone",
        }
    if question.kind == "number":
        number = {"type": "number", "minimum": question.minimum, "maximum": question.maximum}
        return {"anyOf": [number, options]}
    if question.kind == "month":
        return {"anyOf": [{"type": "string", "pattern": MONTH.pattern}, options]}
    return options


def knowledge_schemas(kb, locales) -> dict:
    """The schemas that depend on the loaded knowledge and the shipped locales."""
    answers = {qid: answer_schema(q) for qid, q in kb.questions.items()}
    return {
        "LocaleCode": {"type": "string", "enum": sorted(locales.api_names)},
        "Answers": {
            "type": "object",
            "additionalProperties": False,
            "properties": answers,
            "description": "question id → option id, number, or YYYY-MM",
        },
        "AnswerRequest": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["question", "answer"],
                    "additionalProperties": False,
                    "properties": {
                        "question": {"const": qid},
                        "answer": schema,
                        "locale": LOCALE_REF,
                    },
                }
                for qid, schema in answers.items()
            ]
        },
    }


@bp.get("/openapi.json")
def openapi():
    kb, locales = kenri().kb, kenri().locales
    return reply(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "Kenri API",
                "version": "1",
                "description": "Rights checker for technical intern trainees. "
                f"Knowledge version {kb.version}.",
            },
            "paths": PATHS,
            "components": {"schemas": {**SCHEMAS, **knowledge_schemas(kb, locales)}},
        }
    )
