#!/usr/bin/python3
"""Reference data model for cfnfix's `parse --json`, built on PyYAML and json.

YAML is read with PyYAML's libyaml-based CSafeLoader, changed only where the
canonical dump says so: CloudFormation short-form tags become their long form,
timestamps, !!binary and non-finite floats stay text, mapping keys are their
scalar's text, and duplicate keys are an error. JSON is read with `json`
(duplicate keys and NaN/Infinity rejected). Mappings are `Obj`, a list of
(key, value) pairs, so that key order is part of equality.

Usage:
  pyyaml_reference.py dump FILE
      Prints the reference data as JSON (exit 1 and the error on failure).
  pyyaml_reference.py compare CFNFIX CORPUS_DIR [--cases DIR] [--jobs N] [--show N]
      For every template listed in CORPUS_DIR/*/manifest.tsv (and every file
      in the hand-written cases DIR, where bad_* must be rejected): when the
      reference accepts it, `CFNFIX parse --json FILE` must print the same
      data; when the reference rejects it, cfnfix must exit non-zero with
      "FILE:LINE:COL: message" on stderr. Prints `N passed, M failed`.
"""

import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode


class Obj(list):
    """A JSON object as an ordered list of (key, value) pairs."""


class ReferenceError_(Exception):
    pass


class ReferenceLoader(yaml.CSafeLoader):
    pass


def _construct_map(loader, node):
    if not isinstance(node, MappingNode):
        raise ConstructorError(None, None, "expected a mapping node", node.start_mark)
    loader.flatten_mapping(node)
    data = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise ConstructorError(None, None, "mapping key is not a scalar",
                                   key_node.start_mark)
        # A Python dict: a later entry replaces the value, keeps the place.
        data[key_node.value] = loader.construct_object(value_node, deep=True)
    return Obj(data.items())


def _construct_seq(loader, node):
    if not isinstance(node, SequenceNode):
        raise ConstructorError(None, None, "expected a sequence node", node.start_mark)
    return [loader.construct_object(child, deep=True) for child in node.value]


def _construct_text(loader, node):
    return loader.construct_scalar(node)


def _construct_float(loader, node):
    value = SafeConstructor.construct_yaml_float(loader, node)
    if math.isinf(value) or math.isnan(value):
        return node.value
    return value


def _construct_cfn(loader, suffix, node):
    if isinstance(node, ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, SequenceNode):
        value = _construct_seq(loader, node)
    else:
        value = _construct_map(loader, node)
    name = suffix if suffix in ("Ref", "Condition") else "Fn::" + suffix
    return Obj([(name, value)])


ReferenceLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
ReferenceLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
ReferenceLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)
ReferenceLoader.add_constructor("tag:yaml.org,2002:binary", _construct_text)
ReferenceLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
for _tag in ("omap", "pairs", "set"):
    ReferenceLoader.add_constructor("tag:yaml.org,2002:" + _tag,
                                    SafeConstructor.construct_undefined)
ReferenceLoader.add_multi_constructor("!", _construct_cfn)


def _check_duplicate_keys(root):
    seen_nodes = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            keys = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    if key_node.value in keys:
                        mark = key_node.start_mark
                        raise ReferenceError_("%d:%d: duplicate key %r" % (
                            mark.line + 1, mark.column + 1, key_node.value))
                    keys[key_node.value] = True
                stack.append(key_node)
                stack.append(value_node)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


MAX_ALIAS_EXPANSION = 100000


def _check_alias_expansion(root):
    """PyYAML shares aliased objects; cfnfix copies them, and stops at
    MAX_ALIAS_EXPANSION copied nodes. Counts the nodes of the fully expanded
    tree beyond the distinct nodes (merge copies are not counted)."""
    sizes = {}

    def size(node):
        key = id(node)
        if key in sizes:
            if sizes[key] is None:
                raise ReferenceError_("recursive alias")
            return sizes[key]
        sizes[key] = None
        total = 1
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                total += size(key_node) + size(value_node)
        elif isinstance(node, SequenceNode):
            for child in node.value:
                total += size(child)
        sizes[key] = total
        return total

    if size(root) - len(sizes) > MAX_ALIAS_EXPANSION:
        raise ReferenceError_("alias expansion exceeds %d nodes" % MAX_ALIAS_EXPANSION)


def load_yaml(text):
    loader = ReferenceLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_duplicate_keys(node)
        _check_alias_expansion(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _json_pairs(pairs):
    keys = set()
    for key, _ in pairs:
        if key in keys:
            raise ReferenceError_("duplicate key %r" % key)
        keys.add(key)
    return Obj(pairs)


def _json_constant(name):
    raise ReferenceError_("%s is not JSON" % name)


def load_json(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    return json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_json_constant)


def is_json(path, text):
    """cfnfix's DetectFormat: the extension, else a leading '{'."""
    lower = path.lower()
    if lower.endswith(".json"):
        return True
    if lower.endswith(".yaml") or lower.endswith(".yml"):
        return False
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def load(path):
    """Returns (True, data) or (False, error message)."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        if is_json(path, text):
            return True, load_json(text)
        return True, load_yaml(text)
    except (yaml.YAMLError, ReferenceError_, ValueError, KeyError, TypeError,
            RecursionError, UnicodeDecodeError, OverflowError) as e:
        return False, "%s: %s" % (type(e).__name__, str(e).replace("\n", " "))


def to_plain(value):
    if isinstance(value, Obj):
        return {k: to_plain(v) for k, v in value}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    return value


def first_difference(a, b, where="$"):
    """None when equal (key order, int/float/bool kinds significant), else a
    description of the first difference."""
    if isinstance(a, Obj) or isinstance(b, Obj):
        if not (isinstance(a, Obj) and isinstance(b, Obj)):
            return "%s: %s vs %s" % (where, _short(a), _short(b))
        keys_a = [k for k, _ in a]
        keys_b = [k for k, _ in b]
        if keys_a != keys_b:
            return "%s: keys %s vs %s" % (where, _short(keys_a), _short(keys_b))
        for (k, va), (_, vb) in zip(a, b):
            diff = first_difference(va, vb, "%s.%s" % (where, k))
            if diff:
                return diff
        return None
    if isinstance(a, list) or isinstance(b, list):
        if not (isinstance(a, list) and isinstance(b, list)) or len(a) != len(b):
            return "%s: %s vs %s" % (where, _short(a), _short(b))
        for i, (va, vb) in enumerate(zip(a, b)):
            diff = first_difference(va, vb, "%s[%d]" % (where, i))
            if diff:
                return diff
        return None
    if type(a) is not type(b) or a != b:
        return "%s: %s vs %s" % (where, _short(a), _short(b))
    return None


def _short(value):
    text = repr(value)
    return text if len(text) < 200 else text[:200] + "..."


def corpus_files(corpus_dir):
    files = []
    for sub in sorted(os.listdir(corpus_dir)):
        manifest = os.path.join(corpus_dir, sub, "manifest.tsv")
        if not os.path.isfile(manifest):
            continue
        with open(manifest, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        column = rows[0].index("path")
        files.extend(os.path.join(corpus_dir, sub, row[column]) for row in rows[1:])
    return files


def case_files(cases_dir):
    return [os.path.join(cases_dir, name) for name in sorted(os.listdir(cases_dir))
            if os.path.isfile(os.path.join(cases_dir, name))]


def check_file(cfnfix, path):
    """Returns (ok, message)."""
    accepted, reference = load(path)
    # Hand-written cases say in their name whether they must be rejected, so
    # that a reference that stops rejecting them is noticed.
    if os.path.basename(os.path.dirname(path)) == "cases":
        if os.path.basename(path).startswith("bad_") == accepted:
            return False, "%s: reference %s it, against the file name" % (
                path, "accepts" if accepted else "rejects (%s)" % reference)
    run = subprocess.run([cfnfix, "parse", "--json", path], capture_output=True)
    stderr = run.stderr.decode("utf-8", "replace")
    if not accepted:
        pattern = re.escape(path) + r":\d+:\d+: \S"
        if run.returncode == 0:
            return False, "%s: reference rejects (%s), cfnfix accepts" % (path, reference)
        if not re.match(pattern, stderr):
            return False, "%s: bad error format %r" % (path, stderr[:200])
        return True, "rejected"
    if run.returncode != 0:
        return False, "%s: reference accepts, cfnfix fails (exit %d): %s" % (
            path, run.returncode, stderr.strip()[:300])
    try:
        output = run.stdout.decode("utf-8")
        if not output.endswith("\n") or output.count("\n") != 1:
            return False, "%s: output is not one line ending in a newline" % path
        data = json.loads(output, object_pairs_hook=Obj)
    except ValueError as e:
        return False, "%s: cfnfix printed invalid JSON: %s" % (path, e)
    diff = first_difference(data, reference)
    if diff:
        return False, "%s: cfnfix vs reference differ at %s" % (path, diff)
    return True, "accepted"


def compare(argv):
    cfnfix, corpus_dir = argv[0], argv[1]
    jobs = os.cpu_count() or 2
    show = 10
    rest = argv[2:]
    extra = []
    while rest:
        if rest[0] == "--cases":
            extra = case_files(rest[1])
        elif rest[0] == "--jobs":
            jobs = int(rest[1])
        elif rest[0] == "--show":
            show = int(rest[1])
        rest = rest[2:]
    files = corpus_files(corpus_dir)
    if not files:
        print("no corpus files under %s" % corpus_dir)
        return 1
    files = extra + files
    passed = failed = accepted = rejected = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for ok, message in pool.map(lambda p: check_file(cfnfix, p), files):
            if ok:
                passed += 1
                if message == "accepted":
                    accepted += 1
                else:
                    rejected += 1
            else:
                failed += 1
                if failed <= show:
                    print("FAIL " + message)
    print("%d files: %d accepted by both, %d rejected by both" % (len(files), accepted, rejected))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def main(argv):
    if len(argv) == 2 and argv[0] == "dump":
        accepted, data = load(argv[1])
        if not accepted:
            print(data, file=sys.stderr)
            return 1
        print(json.dumps(to_plain(data), ensure_ascii=False, separators=(",", ":")))
        return 0
    if len(argv) >= 3 and argv[0] == "compare":
        return compare(argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
