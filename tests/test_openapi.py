"""The OpenAPI document at /api/v1/openapi.json matches the routes, and the API survives fuzzing."""

import re

import pytest

from webapp.views.api.openapi import PATHS

IGNORED_METHODS = {"HEAD", "OPTIONS"}
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


def openapi_path(rule: str) -> str:
    """Flask's /sessions/<id>/answers (or <string:id>) is OpenAPI's /sessions/{id}/answers."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def api_routes(app) -> dict[str, set[str]]:
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        if not rule.rule.startswith("/api/v1/"):
            continue
        routes.setdefault(openapi_path(rule.rule), set()).update(rule.methods - IGNORED_METHODS)
    return routes


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def test_document_is_openapi_3_1(document, kb):
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"]
    assert document["info"]["version"]
    assert kb.version in document["info"]["description"]


def test_openapi_path_converts_flask_variables():
    assert openapi_path("/api/v1/sessions/<id>/answers") == "/api/v1/sessions/{id}/answers"
    assert openapi_path("/api/v1/sessions/<string:sid>") == "/api/v1/sessions/{sid}"


def test_every_api_route_is_documented_with_its_methods(app, document):
    routes = api_routes(app)
    assert "/api/v1/evaluate" in routes, "the API blueprint is not registered"

    documented = {
        path: {m.upper() for m in item if m in HTTP_METHODS}
        for path, item in document["paths"].items()
    }

    missing = sorted(set(routes) - set(documented))
    assert not missing, f"routes not in openapi.json: {missing}"
    for path, methods in routes.items():
        assert documented[path] == methods, path


def test_every_documented_path_is_a_route(app, document):
    routes = api_routes(app)

    for path, item in document["paths"].items():
        assert path in routes, f"openapi.json documents {path}, which is not a route"
        for method in item:
            if method in HTTP_METHODS:
                assert method.upper() in routes[path], f"{method.upper()} {path}"


def test_every_schema_reference_resolves(document):
    schemas = document["components"]["schemas"]
    text = repr(document)

    refs = set(re.findall(r"#/components/schemas/([A-Za-z0-9_]+)", text))

    assert refs
    assert refs <= set(schemas), sorted(refs - set(schemas))


def test_every_operation_has_an_id_and_a_success_response(document):
    ids = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            ids.append(operation["operationId"])
            assert any(code.startswith("2") for code in operation["responses"]), path
    assert len(ids) == len(set(ids)), "operationIds must be unique"


def test_evaluate_documents_its_error_statuses_as_problem_json(document):
    responses = document["paths"]["/api/v1/evaluate"]["post"]["responses"]

    for status in ("400", "413", "415", "422"):
        assert status in responses, status
        assert "application/problem+json" in responses[status]["content"], status


# --- property tests (schemathesis, optional) ----------------------------------------------------

OPERATIONS = [
    pytest.param(path, method.upper(), id=f"{method}-{path.removeprefix('/api/v1/')}")
    for path, item in PATHS.items()
    for method in item
    if method in HTTP_METHODS
]


def test_the_fuzzed_operations_are_all_the_documented_ones(document):
    documented = {
        (path, method.upper())
        for path, item in document["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }

    assert {tuple(p.values) for p in OPERATIONS} == documented


@pytest.fixture(scope="module")
def api_schema(shared_app):
    """The OpenAPI document as schemathesis reads it: loaded once (about a second each time).
    Tests take `app` too, which points the shared app at the test's own database."""
    schemathesis = pytest.importorskip("schemathesis")
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", shared_app)


SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


def every_response_keeps_the_security_headers(ctx, response, case):
    """A custom schemathesis check: fuzzed input never strips a security header."""
    headers = {name.lower(): values for name, values in response.headers.items()}
    missing = [name for name in SECURITY_HEADERS if name.lower() not in headers]
    if missing or "no-store" not in headers.get("cache-control", [""])[0]:
        raise AssertionError(f"{case.method} {case.path}: missing {missing or 'no-store'}")


def all_checks():
    from schemathesis.checks import CHECKS, load_all_checks

    load_all_checks()
    return [*CHECKS.get_all(), every_response_keeps_the_security_headers]


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_schemathesis_with_every_check_finds_nothing(app, api_schema, path, method):
    """`schemathesis --checks all`, in-process and bounded: no 500, the document and the server
    agree both ways (valid data accepted, invalid data refused), every header kept."""
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode

    operation = api_schema[path][method]
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
        GenerationMode.NEGATIVE
    )
    checks = all_checks()

    @given(case=strategy)
    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # The WSGI transport does not undo gzip, which the app sends to clients that accept it.
        case.call_and_validate(checks=checks, headers={"Accept-Encoding": "identity"})

    check()


def test_schemathesis_stateful_walks_find_nothing(app, api_schema):
    """Chains of calls (start a session, answer, read the result, delete) as schemathesis
    links them from the document."""
    from hypothesis import HealthCheck, settings

    machine = api_schema.as_state_machine()
    checks = all_checks()

    class Walk(machine):  # type: ignore[misc, valid-type]
        def validate_response(self, response, case, **kwargs):
            case.validate_response(response, checks=checks)

        def call(self, case, **kwargs):
            return case.call(headers={"Accept-Encoding": "identity"})

    Walk.TestCase.settings = settings(
        max_examples=15,
        stateful_step_count=6,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    Walk.TestCase().runTest()
