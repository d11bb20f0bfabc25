"""A Babel extractor for the knowledge YAML files: every string people read goes to gettext.

babel.cfg maps each knowledge folder to this extractor with the keys to take, for example
`keys = text help label`. Each message gets a translator comment saying where it is used,
such as `questions/passport.yaml passport-which.options.passport.label`.
"""

from webapp.knowledge.strict_yaml import Node, Seq, StrictYamlError, parse


def knowledge_strings(fileobj, keywords, comment_tags, options):
    """Yield (line, funcname, message, comments) for Babel's extract machinery."""
    keys = set(options.get("keys", "").replace(",", " ").split())
    try:
        data, _ = parse(fileobj.read().decode("utf-8"))
    except StrictYamlError:
        return  # `kenri check` reports broken files; extraction just skips them
    name = getattr(fileobj, "name", "")
    where = "/".join(str(name).replace("\\", "/").split("/")[-2:])
    yield from _walk(data, keys, where, [], 1)


def _walk(node, keys, where, path, line):
    if isinstance(node, Node):
        label = node.get("id") if isinstance(node.get("id"), str) else None
        here = path + [label] if label else path
        for key, value in node.items():
            key_line = node.line_of(key)
            if key in keys and isinstance(value, str):
                yield key_line, None, value.strip(), [f"{where} {'.'.join(here + [key])}"]
            elif key in keys and isinstance(value, Seq):
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        yield (
                            value.line_of(index),
                            None,
                            item.strip(),
                            [f"{where} {'.'.join(here + [key, str(index + 1)])}"],
                        )
            else:
                yield from _walk(
                    value, keys, where, here + ([key] if not label else [key]), key_line
                )
    elif isinstance(node, Seq):
        for index, item in enumerate(node):
            yield from _walk(item, keys, where, path, node.line_of(index))
