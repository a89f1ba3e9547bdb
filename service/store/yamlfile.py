"""Reading a store file's YAML safely: dates kept as text, duplicate keys reported, anchor bombs, huge numbers
and oversized files refused, every problem named with its file. Entity files and lexicon files read alike."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from service.store.model import Problem


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that keeps dates as text (we validate them) and reports duplicate keys. LibYAML's parser when
    PyYAML has it (about 10x faster on a store of imported names), the pure-Python one otherwise."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}: keep one", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_FAST_DEPTH = 32  # an entity file nests four deep


class _Unusual(Exception):
    """A node that _construct leaves to the constructor."""


def _construct(node: yaml.Node, depth: int = 0) -> Any:
    """The node as Python data, for a document of texts in mappings and lists with no key repeated: what the
    loader's constructor makes of it, a few times faster than the constructor's generic machinery (which was
    most of a large build's reading time). Anything else raises _Unusual."""
    if depth > _FAST_DEPTH:
        raise _Unusual
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_construct(item, depth + 1) for item in node.value]
    if node.tag == _MAP and isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR or not isinstance(key_node, yaml.ScalarNode) or key_node.value in out:
                raise _Unusual
            out[key_node.value] = _construct(value_node, depth + 1)
        return out
    raise _Unusual


def _load(text: str) -> Any:
    """yaml.load(text, Loader=_Loader): the document built by _construct when it can, by the constructor itself
    (every check, and the first problem in the constructor's own order) when not."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _construct(node)
        except _Unusual:
            return loader.construct_document(node)
    finally:
        loader.dispose()


MAX_FILE_BYTES = 1024 * 1024  # the largest entity file of the store is under 20 KiB


def _refused_yaml(text: str) -> str | None:
    """Why a file's YAML is refused before it is loaded, or None. Entity files have no use for anchors and
    aliases (&a, *a), and an alias of an alias of an alias is a bomb: nine levels of nine expand a few hundred bytes
    into gigabytes. The scan reads tokens only (linear, nothing expanded); it runs when & or * appears at all."""
    if "&" not in text and "*" not in text:
        return None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                kind = "an anchor" if isinstance(token, yaml.AnchorToken) else "an alias"
                return (f"line {token.start_mark.line + 1}: {kind} (&name or *name); entity files do not use "
                        "YAML anchors or aliases: write each value out")
    except yaml.YAMLError:
        return None  # the load reports it, with its line
    return None


def parse_yaml(path: str | Path, shown: str) -> tuple[Any, list[Problem]]:
    """A file's YAML, or the problem that stopped it: too large, not UTF-8, an anchor bomb, a number YAML cannot
    read, not valid YAML."""
    with open(path, "rb") as fh:  # one open for the size and the bytes (a large store is mostly this call)
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(shown, "", f"is {size:,} bytes; a store file holds at most {MAX_FILE_BYTES:,}: "
                                             "split it")]
        data = fh.read()
    try:
        text = data.decode("utf-8")
        if "\r" in text:  # the newlines read_text would have translated
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        refusal = _refused_yaml(text)
        if refusal:
            return None, [Problem(shown, "", refusal)]
        return _load(text), []
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, "", f"is not UTF-8 ({exc.reason} at byte {exc.start}): save it as UTF-8")]
    except ValueError as exc:  # int() past 4,300 digits, raised by the constructor, not as a YAMLError
        return None, [Problem(shown, "", f"holds a number YAML cannot read ({str(exc)[:80]}): put it in quotes")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(shown, "", f"{where}not valid YAML: {problem}")]


def shown_path(path: Path, root: Path) -> str:
    """The path as the user named the store, so a message can be opened as printed."""
    return (root / path.relative_to(root)).as_posix()
