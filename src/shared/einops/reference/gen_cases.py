"""
Builds reference-cases.json: inputs, patterns and the outcome of the *reference* Python einops
(shape, dtype and values, or the exception class) for the differential test reference.test.ts.
Run with the reference on the path (a checkout of github.com/arogozhnikov/einops; numpy installed), e.g.:
  PYTHONPATH=/path/to/einops-checkout python3 src/shared/einops/reference/gen_cases.py
The file is data produced by running the reference; no reference code is copied into the port.
"""
import json, os, random, warnings
import numpy as np
import einops
from einops import rearrange, reduce, repeat, einsum, pack, unpack, parse_shape

warnings.simplefilter("ignore")
rng = random.Random(20220425)


def make(shape, dtype):
    n = int(np.prod(shape)) if len(shape) else 1
    a = np.arange(n)
    if dtype == "float32":
        v = ((a * 37) % 23 - 11) * 0.25
        return v.astype(np.float32).reshape(shape)
    if dtype == "int32":
        return ((a * 7) % 11 - 5).astype(np.int32).reshape(shape)
    return ((a * 5) % 3 == 0).reshape(shape)


def enc(x):
    x = np.asarray(x)
    dt = str(x.dtype)
    kind = "bool" if dt == "bool" else ("int" if "int" in dt else "float")
    vals = [None if (isinstance(v, float) and not np.isfinite(v)) else v for v in x.reshape(-1).tolist()]
    return {"shape": list(x.shape), "dtype": kind, "values": vals}


cases = []


def add(op, inputs, pattern, list_input=False, reduction=None, lengths=None, ps=None):
    lengths = lengths or {}
    arrs = [make(tuple(s), d) for s, d in inputs]
    case = {"op": op, "inputs": [{"shape": list(s), "dtype": d} for s, d in inputs], "pattern": pattern,
            "list": list_input, "lengths": lengths}
    if reduction is not None:
        case["reduction"] = reduction
    if ps is not None:
        case["ps"] = ps
    try:
        if op in ("rearrange", "repeat", "reduce"):
            x = arrs if list_input else arrs[0]
            if op == "rearrange":
                r = rearrange(x, pattern, **lengths)
            elif op == "repeat":
                r = repeat(x, pattern, **lengths)
            else:
                r = reduce(x, pattern, reduction, **lengths)
            case["expect"] = {"ok": True, "outputs": [enc(r)]}
        elif op == "einsum":
            r = einsum(*arrs, pattern)
            case["expect"] = {"ok": True, "outputs": [enc(r)]}
        elif op == "pack":
            r, shapes = pack(arrs, pattern)
            case["expect"] = {"ok": True, "outputs": [enc(r)], "ps": [list(map(int, s)) for s in shapes]}
        elif op == "unpack":
            r = unpack(arrs[0], ps, pattern)
            case["expect"] = {"ok": True, "outputs": [enc(t) for t in r]}
        elif op == "parse_shape":
            r = parse_shape(arrs[0], pattern)
            case["expect"] = {"ok": True, "dict": [[k, int(v)] for k, v in r.items()]}
    except Exception as e:  # noqa: BLE001 - every exception class is an outcome to record
        case["expect"] = {"ok": False, "kind": type(e).__name__, "message": str(e)[:300]}
    cases.append(case)


F, I, B = "float32", "int32", "bool"

# ---------------------------------------------------------------- hand-picked rearrange cases
R = [
    ((2, 3, 4), "a b c -> a b c"), ((2, 3, 4), "a b c -> c b a"), ((2, 3, 4), "a b c -> (a b c)"),
    ((2, 3, 4), "a b c -> (c b a)"), ((2, 3, 4), "a b c -> b (a c)"), ((6, 4), "(a b) c -> a b c"),
    ((2, 3, 4, 5), "b h w c -> b c h w"), ((2, 3, 4, 5), "b h w c -> (b h) w c"),
    ((2, 3, 4, 5), "b h w c -> h (b w) c"), ((2, 3, 4, 5), "b h w c -> b (c h w)"),
    ((2, 3, 4, 5), "... c -> c ..."), ((2, 3, 4, 5), "b ... -> (...) b"), ((2, 3, 4, 5), "... -> (...)"),
    ((2, 3, 4, 5), "a ... b -> b ... a"), ((2, 3), "a b ... -> a b ..."), ((2, 3), "a b ... -> (...) a b"),
    ((2, 3), "a b ... -> a (b ...)"), ((2, 3), "... a b -> b a ..."), ((), " -> "), ((), "... -> ..."),
    ((), " -> 1"), ((), " -> () ()"), ((1,), "1 -> "), ((1, 1), "() 1 -> "), ((2, 1, 3), "a 1 b -> b a"),
    ((2, 1, 3), "a () b -> (b a)"), ((2, 3), "a b -> a 1 b 1"), ((2, 3), "a b -> (a 1 b)"),
    ((2, 3), "a b -> (a 1) (1 b)"), ((2, 3), "(a) (b) -> (b) (a)"), ((2, 3), "a b -> b a "),
    ((2, 3), "  a   b->b a"), ((2, 3), "a b->(b a)"), ((2, 3), "(a b)c -> a b c"), ((2, 3), "a(b) -> b a"),
    ((2, 3), "a\tb -> b a"), ((2, 3), "a b -> b a -> a"), ((2, 3), "a b"), ((2, 3), "a b -> b c"),
    ((2, 3), "a b -> a"), ((2, 3), "a a -> a"), ((2, 3), "a b -> a a b"), ((2, 3), "a (b -> a b"),
    ((2, 3), "a b) -> a b"), ((2, 3), "((a b)) -> a b"), ((2, 3), "a b -> a 2 b"), ((2, 3), "a b. -> a b"),
    ((2, 3), "a .... -> a"), ((2, 3), "a ... -> a ... ..."), ((2, 3), "... a ... -> a"),
    ((2, 3), "(a ...) -> a"), ((2, 3), "a b -> a b ..."), ((2, 3), "a_ b -> b a_"), ((2, 3), "_a b -> b _a"),
    ((2, 3), "_ b -> b _"), ((2, 3), "α β -> β α"), ((2, 3), "ß ñ -> (ñ ß)"), ((2, 3), "a1 b2 -> b2 a1"),
    ((2, 3), "1a b -> b 1a"), ((2, 3), "a, b -> b a"), ((2, 3), "a-b -> a"), ((2, 3), "a b -> (b) (a) 01"),
    ((2, 3), "a b -> a b 0"), ((2, 3), "axis b -> b axis"), ((2, 3), "for b -> b for"),
    ((2, 3), "A a -> a A"), ((2, 3), "a b -> B a"), ((2, 3), "… a -> a …"), ((2, 3, 4), "a ... -> ... a"),
    ((2, 3, 4), "a b -> a b"), ((2, 3, 4), "a b c d -> a b c d"), ((2, 3, 4), "... a b c d -> a"),
    ((2, 3), "a b -> b a"), ((5,), "(a b) -> a b"), ((6,), "(a b c) -> a b c"),
]
for shape, p in R:
    add("rearrange", [(shape, F)], p)

# lengths
L = [
    ((6, 4), "(a b) c -> a b c", {"a": 2}), ((6, 4), "(a b) c -> a b c", {"b": 2}), ((6, 4), "(a b) c -> a b c", {"a": 4}),
    ((6, 4), "(a b) c -> a b c", {"a": 2, "b": 3}), ((6, 4), "(a b) c -> a b c", {"a": 2, "b": 2}),
    ((6, 4), "(a b) c -> a b c", {}), ((6, 4), "(a b) c -> (b a) c", {"b": 3}), ((2, 3), "a b -> a b", {"a": 2}),
    ((2, 3), "a b -> a b", {"a": 5}), ((2, 3), "a b -> a b", {"c": 5}), ((2, 3), "a b -> a b", {"_c": 5}),
    ((2, 3), "a b -> a b", {"a_": 2}), ((6,), "(a b) -> a b", {"b": 0}), ((0,), "(a b) -> a b", {"b": 0}),
    ((0,), "(a b) -> a b", {"b": 3}), ((0, 2), "(a b) c -> a b c", {"a": 0, "b": 4}), ((6,), "(a b) -> a b", {"b": -2}),
    ((6,), "(a b) -> a b", {"b": -1}), ((6,), "(a b) -> a b", {"b": 2.5}), ((2, 3), "a b -> a b", {"a": 2.5}),
    ((2, 3), "a b -> (a b)", {"a": 2.5}), ((6,), "(a b) -> a b", {"a": 3, "b": 2}),
    ((12, 2), "(a b c) d -> a b c d", {"a": 2, "c": 3}), ((12, 2), "(a b c) d -> a b c d", {"a": 2}),
    ((2, 3, 4), "a ... -> ... a", {"a": 2}), ((2, 3, 4), "a ... -> ... a", {"b": 2}),
    ((2, 12), "a (b ...) -> a b ...", {"b": 2}), ((24,), "(h w c) -> c h w", {"h": 2, "w": 3}),
]
for shape, p, lens in L:
    add("rearrange", [(shape, F)], p, lengths=lens)

for d in (I, B):
    add("rearrange", [((2, 3, 4), d)], "a b c -> c (b a)")
    add("rearrange", [((4, 6), d)], "(a b) (c e) -> (a c) (b e)", lengths={"a": 2, "c": 3})

# list inputs
add("rearrange", [((2, 3), F)] * 3, "l a b -> a (l b)", list_input=True)
add("rearrange", [((), F)] * 4, "l -> l", list_input=True)
add("rearrange", [((2, 3), F), ((2, 4), F)], "l a b -> a l b", list_input=True)
add("rearrange", [((2, 3), F), ((2, 3), I)], "l a b -> a l b", list_input=True)
add("rearrange", [((2, 3), F)] * 2, "a b -> a b", list_input=True)
add("rearrange", [((2, 3), F)] * 2, "l a b -> l a b", list_input=True)
add("reduce", [((2, 3), F)] * 3, "l a b -> a", list_input=True, reduction="sum")
add("repeat", [((2,), F)] * 3, "l a -> a l r", list_input=True, lengths={"r": 2})
add("rearrange", [], "a -> a", list_input=True)

# ---------------------------------------------------------------- reductions
RED = [
    ((2, 3, 4), "a b c -> a", None), ((2, 3, 4), "a b c -> c a", None), ((2, 3, 4), "a b c -> ", None),
    ((2, 3, 4), "a b c -> c b a", None), ((2, 3, 4), "a b c -> b 1 1", None), ((2, 3, 4), "a b c -> () b ()", None),
    ((2, 6, 4), "a (b c) d -> a d b", {"c": 2}), ((4, 6), "(h1 h2) (w1 w2) -> h1 w1", {"h2": 2, "w2": 3}),
    ((4, 6), "(h1 2) (w1 3) -> h1 w1", None), ((4, 6), "(h1 2) (w1 3) -> w1 h1", None),
    ((2, 3, 4, 5), "b ... c -> b c", None), ((2, 3, 4, 5), "b ... c -> c ... b", None), ((2, 3, 4, 5), "... -> ", None),
    ((2, 3, 4, 5), "b c h w -> b c 1 1", None), ((2, 3), "a b -> a 2", None), ((2, 3), "a b -> a c", None),
    ((2, 3), "a b -> a b", None), ((0, 3), "a b -> b", None), ((3, 0), "a b -> a", None), ((0, 0), "a b -> a", None),
    ((3, 0), "a b -> b", None), ((2, 3), "a b -> (a b)", None), ((6, 4), "(a b) c -> a", {"b": 3}),
    ((4, 6), "(h 2) (w 2) -> h w", None), ((4, 6), "(h 5) w -> h w", None),
]
for red in ["sum", "mean", "max", "min", "prod", "any", "all"]:
    for shape, p, lens in RED:
        add("reduce", [(shape, F)], p, reduction=red, lengths=lens)
    for d in (I, B):
        for shape, p, lens in RED[:8]:
            add("reduce", [(shape, d)], p, reduction=red, lengths=lens)
        add("reduce", [((2, 3), d)], "a b -> b a", reduction=red)
for red in ["median", "rearrange", "repeat", "Sum"]:
    add("reduce", [((2, 3), F)], "a b -> a", reduction=red)
    add("reduce", [((2, 3), F)], "a b -> b a", reduction=red)
add("reduce", [((2, 3), F)], "a b -> a b c", reduction="repeat", lengths={"c": 2})

# ---------------------------------------------------------------- repeat
REP = [
    ((2, 3), "a b -> a b c", {"c": 2}), ((2, 3), "a b -> c a b", {"c": 2}), ((2, 3), "a b -> (a c) b", {"c": 2}),
    ((2, 3), "a b -> (c a) b", {"c": 2}), ((2, 3), "h w -> (h h2) (w w2)", {"h2": 2, "w2": 2}),
    ((2, 3), "h w -> (h2 h) (w3 w)", {"h2": 2, "w3": 3}), ((2, 3), "a b -> a b 2", None), ((2, 3), "a b -> a 2 b 3", None),
    ((2, 3), "a b -> (a 2) (3 b)", None), ((2, 3), "a 2 -> a 2", None), ((2, 3), "a b -> a b c", None),
    ((2, 3), "a b -> a", None), ((2, 3), "a b -> b a", None), ((2, 3), "a b -> a b c", {"c": 0}),
    ((2, 3), "a b -> a b c", {"c": -1}), ((2, 3), "a b -> a b c", {"c": 2.5}), ((2, 3), "a b -> a b c", {"c": 1}),
    ((), " -> a b", {"a": 2, "b": 3}), ((2, 3), "... -> ... c", {"c": 2}), ((2, 3), "... -> c (...)", {"c": 2}),
    ((2, 3), "a ... -> (a c) ... d", {"c": 2, "d": 2}), ((2, 3), "a b -> a b c", {"c": 2, "d": 3}),
    ((2, 3), "a b -> x a y b z", {"x": 2, "y": 2, "z": 2}), ((2, 3), "a b -> (x a y b z)", {"x": 2, "y": 1, "z": 2}),
    ((2, 3), "a b -> a 1 b c", {"c": 3}), ((6,), "(a b) -> a c b", {"a": 2, "c": 2}),
    ((2, 3), "a b -> b c a", {"c": 2, "a": 2}), ((2, 3), "a b -> b c a", {"c": 2, "a": 3}),
    ((2, 1, 2), "a 1 b -> p a q b r s t", {"p": 2, "q": 2, "r": 2, "s": 1, "t": 2}),
]
for shape, p, lens in REP:
    add("repeat", [(shape, F)], p, lengths=lens)
for d in (I, B):
    add("repeat", [((2, 3), d)], "a b -> (a c) b d", lengths={"c": 2, "d": 2})

# ---------------------------------------------------------------- einsum
E = [
    ([(2, 3), (3, 4)], "a b, b c -> a c"), ([(2, 3), (3, 4)], "a b,b c->a c"), ([(2, 3)], "a b -> b a"),
    ([(3, 3)], "i i ->"), ([(3, 3)], "i i -> i"), ([(2, 3, 3)], "b i i -> b"), ([(3, 3, 3)], "i i i -> i"),
    ([(2, 3)], "a b -> "), ([(2, 3), (2, 3)], "a b, a b -> a"), ([(2, 3), (3,), (3, 4)], "a b, b, b c -> a c"),
    ([(2, 3, 4), (3, 4, 5), (2, 5)], "a b c, b c d, a d -> a"), ([(10, 20), (4, 3, 20)], "out_dim in_dim, ... in_dim -> ... out_dim"),
    ([(2, 3, 4), (4, 5)], "... c, c d -> ... d"), ([(2, 3)], "... -> ..."), ([(2, 3)], "a ... -> ..."),
    ([(2, 3)], "... a -> a"), ([(3,)], "... a -> a"), ([(3,)], "a -> ... a"), ([(2, 3), (4, 1, 3)], "... i, ... i -> ..."),
    ([(2, 1), (3, 4)], "i j, j k -> i k"), ([(2, 3), (4, 5)], "i j, j k -> i k"), ([(2, 3)], "_ b -> b _"),
    ([(2, 3)], "a b -> c"), ([(2, 3)], "a b -> a a"), ([(2, 3)], "(a) b -> b a"), ([(2, 3)], "(a b) -> a"),
    ([(2, 3)], "a 1 -> a"), ([(2, 3)], "a () -> a"), ([(2, 3)], "a 2 -> a"), ([(2, 3)], "a b"), ([(2, 3)], "a b -> b -> a"),
    ([(2, 3), (3, 4)], "a b -> a"), ([(2, 3)], "a b, b c -> a c"), ([(2, 3)], "a b c -> a"), ([(2, 3)], "a -> a"),
    ([(2, 3)], "a b -> (b)"), ([(2, 3)], "a b -> a b ..."), ([(2, 3)], "αlpha b -> b αlpha"), ([(4, 2, 3)], "a b c -> c b a"),
    ([(2, 2, 3, 3)], "i i j j -> i j"), ([(2, 3), (2, 3), (2, 3), (2, 3)], "a b, a b, a b, a b -> b"),
    ([(2, 3, 4), (2, 4, 5)], "b i j, b j k -> b i k"), ([(2, 3, 4), (2, 4, 5)], "b i j, b j k -> k i b"),
    ([(2, 3), (3, 2)], "i j, j i -> "), ([(2, 3), (3,)], "i j, j -> i j"), ([(3,), (4,)], "i, j -> i j"),
    ([(2, 3)], "a b,-> a"), ([(2, 3), ()], "a b, -> a"), ([(2, 3)], "a_ b -> b"), ([(5, 2, 3)], "(...) a b -> a"),
]
for shapes, p in E:
    add("einsum", [(s, F) for s in shapes], p)
add("einsum", [((2, 3), I), ((3, 4), I)], "a b, b c -> a c")
add("einsum", [((3, 3), I)], "i i -> i")
names = " ".join(f"x{i}" for i in range(53))
add("einsum", [((1,) * 53, F)], f"{names} -> x0")

# ---------------------------------------------------------------- pack / unpack
P = [
    ([(2, 3, 5), (2, 3, 7, 5), (2, 3, 7, 9, 5)], "i j * k"), ([(2, 3), (2, 3)], "* a"), ([(2, 3), (2, 3)], "a *"),
    ([(), ()], "*"), ([(2,), ()], "*"), ([(2, 3), (4,)], "*"), ([(2, 3), (3, 4)], "a *"), ([(2, 3), (2,)], "a *"),
    ([(2, 3)], "a b"), ([(2, 3)], "a * a"), ([(2, 3)], "a * *"), ([(2, 3)], "a\t*"), ([(2, 3)], "  a  * \n"),
    ([(2, 3)], "_ *"), ([(2, 3)], "a_ *"), ([(2, 3)], "(a) *"), ([(2, 3)], "... *"), ([(2, 3)], "2 *"),
    ([(2, 3)], "a b c *"), ([(0, 3)], "a *"), ([(3, 0)], "a *"), ([(3, 0, 2)], "a * b"), ([(2, 0)], "* a"),
    ([], "a *"), ([(2, 3)], "α *"),
]
for shapes, p in P:
    add("pack", [(s, F) for s in shapes], p)
add("pack", [((2, 3), F), ((2, 4), I)], "a *")
add("pack", [((2, 3), I), ((2, 4), B)], "a *")

U = [
    ((5,), [[2], [-1], [4]], "*"), ((5,), [[2], [3]], "*"), ((5,), [[2], [2]], "*"), ((6,), [[2, 3]], "*"),
    ((6,), [[-1, 3]], "*"), ((6,), [[-1, -1]], "*"), ((6,), [[-1], [-1]], "*"), ((6,), [[2], [-1]], "*"),
    ((6,), [[-1], [2]], "*"), ((6,), [[7], [-1]], "*"), ((6,), [], "*"), ((6,), [[]], "*"), ((1,), [[]], "*"),
    ((6,), [[], [5]], "*"), ((3,), [[2], [-1], [4]], "*"), ((0,), [[0, -1]], "*"), ((6,), [[-2, -3]], "*"),
    ((2, 6, 3), [[2], [2, 2]], "a * b"), ((2, 6, 3), [[2], [-1, 2]], "a * b"), ((2, 6), [[6]], "a * b"),
    ((2, 6), [[6]], "* a"), ((2, 6), [[2], [0]], "* a"), ((2, 6, 3), [[2, 1], [-1]], "a\t*  b"),
    ((5,), [[0], [-1], [0]], "*"), ((5,), [[-1], [1], [1]], "*"), ((6,), [[1], [-1], [6]], "*"),
    ((6,), [[3], [3], [3]], "*"), ((2,), [[-1]], "a"), ((2,), [[1], [1]], "* *"),
]
for shape, ps, p in U:
    add("unpack", [(shape, F)], p, ps=ps)

# ---------------------------------------------------------------- parse_shape
PS = [
    ((2, 3, 5, 7), "batch _ h w"), ((2, 3, 5, 7), "_ _ _ _"), ((2, 3, 5, 7), "a ... b"), ((2, 3, 5, 7), "... w"),
    ((2, 3, 5, 7), "a b c d e ..."), ((2, 3), "a b c"), ((2, 3), "a"), ((2, 3), "(a b)"), ((2, 3), "(a) (b 1)"),
    ((2, 3), "(...) a"), ((2, 3), "2 b"), ((2, 3), "3 b"), ((1, 3), "1 b"), ((2, 3), "1 b"), ((1, 3), "() b"),
    ((2, 3), "() b"), ((2, 3), "a a"), ((2, 3), "_ _"), ((2, 3), "a_ b"), ((2, 3), "a\tb"), ((), ""), ((), "..."),
    ((2,), "... a ..."), ((2, 3), "a b ->"), ((2, 3), "α ..."), ((2, 3), "… b"), ((2, 3), "a 01"),
]
for shape, p in PS:
    add("parse_shape", [(shape, F)], p)

# ---------------------------------------------------------------- random patterns (fuzz)
NAMES = ["a", "b", "c", "d", "e", "h", "w"]


def rand_side(axes, allow_numbers=True):
    items = []
    for ax in axes:
        items.append(ax)
    rng.shuffle(items)
    out = []
    i = 0
    while i < len(items):
        if rng.random() < 0.3 and i + 1 < len(items):
            k = rng.randint(2, min(3, len(items) - i))
            out.append("(" + " ".join(items[i:i + k]) + ")")
            i += k
        else:
            out.append(items[i])
            i += 1
    if rng.random() < 0.15:
        out.insert(rng.randint(0, len(out)), rng.choice(["1", "()"]))
    if allow_numbers and rng.random() < 0.1:
        out.insert(rng.randint(0, len(out)), str(rng.randint(2, 3)))
    return " ".join(out)


for trial in range(260):
    n = rng.randint(1, 5)
    axes = rng.sample(NAMES, n)
    sizes = {ax: rng.randint(1, 3) for ax in axes}
    left = rand_side(axes, allow_numbers=False)
    op = rng.choice(["rearrange", "rearrange", "reduce", "repeat"])
    # input shape from left side
    shape = []
    for tok in left.replace("(", " ( ").replace(")", " ) ").split():
        pass
    # parse left to shape
    groups, cur = [], None
    for tok in left.replace("(", " ( ").replace(")", " ) ").split():
        if tok == "(":
            cur = []
        elif tok == ")":
            groups.append(cur)
            cur = None
        elif cur is not None:
            cur.append(tok)
        else:
            groups.append([tok])
    for g in groups:
        shape.append(int(np.prod([sizes.get(t, 1) if t not in ("1",) else 1 for t in g])) if g != ["()"] else 1)
    right_axes = list(axes)
    if op == "reduce":
        right_axes = rng.sample(axes, rng.randint(0, n))
    if op == "repeat":
        extra = rng.sample([x for x in ["p", "q", "r"]], rng.randint(0, 2))
        right_axes = right_axes + extra
        for x in extra:
            sizes[x] = rng.randint(1, 3)
    right = rand_side(right_axes, allow_numbers=(op == "repeat"))
    pattern = f"{left} -> {right}"
    # sometimes corrupt
    if rng.random() < 0.15:
        pos = rng.randint(0, len(pattern))
        pattern = pattern[:pos] + rng.choice([" ", "(", ")", "a", ".", "...", "-", "1", "_", "\t", "x"]) + pattern[pos:]
    lens = {}
    for ax in axes + right_axes:
        if rng.random() < 0.3 or (op == "repeat" and ax not in axes):
            lens[ax] = sizes[ax]
    if rng.random() < 0.05:
        lens["z"] = 2
    dt = rng.choice([F, F, I, B])
    red = rng.choice(["sum", "max", "min", "mean", "prod", "any", "all"]) if op == "reduce" else None
    if op == "reduce":
        add("reduce", [(tuple(shape), dt)], pattern, reduction=red, lengths=lens)
    else:
        add(op, [(tuple(shape), dt)], pattern, lengths=lens)

# ---------------------------------------------------------------- token fuzz (error paths)
TOKENS = ["a", "b", "c", "ab", "_", "1", "2", "3", "0", "01", "(", ")", "...", " ", " ", " ", "->", "α", "…", ".", "\t", "x_"]
for trial in range(700):
    kind = rng.choice(["rearrange", "reduce", "repeat", "einsum", "pack", "unpack", "parse_shape"])
    toks = [rng.choice(TOKENS) for _ in range(rng.randint(1, 9))]
    if kind in ("rearrange", "reduce", "repeat") and "->" not in toks and rng.random() < 0.8:
        toks.insert(rng.randint(0, len(toks)), " -> ")
    if kind == "einsum":
        if rng.random() < 0.8:
            toks.insert(rng.randint(0, len(toks)), " -> ")
        if rng.random() < 0.4:
            toks.insert(rng.randint(0, len(toks)), ", ")
    if kind in ("pack", "unpack"):
        toks = [rng.choice(["a", "b", "*", "*", "_", "1", "(a)", "...", "\t", " ", " ", "c"]) for _ in range(rng.randint(1, 5))]
    pattern = "".join(toks)
    rank = rng.randint(0, 4)
    shape = tuple(rng.choice([1, 2, 2, 3, 0, 4, 6]) for _ in range(rank))
    lens = {}
    if kind in ("rearrange", "reduce", "repeat") and rng.random() < 0.5:
        for _ in range(rng.randint(1, 2)):
            lens[rng.choice(["a", "b", "c", "ab", "x_", "α"])] = rng.choice([1, 2, 3, 0, -1])
    dt = rng.choice([F, F, I, B])
    if kind == "reduce":
        add("reduce", [(shape, dt)], pattern, reduction=rng.choice(["sum", "max", "mean", "prod", "any", "all", "min"]), lengths=lens)
    elif kind == "einsum":
        n = pattern.split("->")[0].count(",") + 1 if rng.random() < 0.8 else rng.randint(1, 3)
        add("einsum", [(tuple(rng.choice([1, 2, 3]) for _ in range(rng.randint(0, 3))), dt) for _ in range(n)], pattern)
    elif kind == "pack":
        add("pack", [(tuple(rng.choice([0, 1, 2, 3]) for _ in range(rng.randint(0, 3))), dt) for _ in range(rng.randint(1, 3))], pattern)
    elif kind == "unpack":
        ps = [[rng.choice([0, 1, 2, 3, -1]) for _ in range(rng.randint(0, 2))] for _ in range(rng.randint(0, 3))]
        add("unpack", [(shape, dt)], pattern, ps=ps)
    elif kind == "parse_shape":
        add("parse_shape", [(shape, dt)], pattern)
    else:
        add(kind, [(shape, dt)], pattern, lengths=lens)

# ---------------------------------------------------------------- valid einsum fuzz (values)
ENAMES = ["i", "j", "k", "l", "_", "batch"]
for trial in range(250):
    size = {n: rng.choice([1, 2, 3]) for n in ENAMES}
    n_ops = rng.randint(1, 4)
    use_ell = rng.random() < 0.3
    ell_shape = tuple(rng.choice([1, 2]) for _ in range(rng.randint(0, 2)))
    specs, shapes, used = [], [], []
    for _ in range(n_ops):
        labels = [rng.choice(ENAMES) for _ in range(rng.randint(0, 3))]
        shape = [size[l] if rng.random() < 0.85 else 1 for l in labels]
        # repeated labels on one operand must agree
        for a in range(len(labels)):
            for b in range(a):
                if labels[a] == labels[b]:
                    shape[a] = shape[b]
        items = list(labels)
        if use_ell and rng.random() < 0.7:
            pos = rng.randint(0, len(items))
            e = ell_shape[len(ell_shape) - rng.randint(0, len(ell_shape)):] if ell_shape else ()
            items.insert(pos, "...")
            shape = shape[:pos] + list(e) + shape[pos:]
        specs.append(" ".join(items))
        shapes.append(tuple(shape))
        used += labels
    uniq = sorted(set(used))
    out = [l for l in uniq if rng.random() < 0.5]
    rng.shuffle(out)
    if use_ell and rng.random() < 0.9:
        out.insert(rng.randint(0, len(out)), "...")
    pattern = ", ".join(specs) + " -> " + " ".join(out)
    dt = rng.choice([F, F, F, I])
    add("einsum", [(s, dt) for s in shapes], pattern)

# ---------------------------------------------------------------- valid ellipsis / anonymous fuzz
for trial in range(200):
    rank = rng.randint(0, 5)
    shape = tuple(rng.choice([1, 2, 3]) for _ in range(rank))
    k = rng.randint(0, rank)
    named = NAMES[:k]
    start = rng.randint(0, k)
    left = named[:start] + ["..."] + named[start:]
    op = rng.choice(["rearrange", "reduce", "repeat"])
    right = list(named)
    if op == "reduce":
        right = [n for n in right if rng.random() < 0.6]
    rng.shuffle(right)
    e_pos = rng.randint(0, len(right))
    if op != "reduce" or rng.random() < 0.5:
        right.insert(e_pos, rng.choice(["...", "(...)", "..."]))
    lens = {}
    if op == "repeat":
        for extra in ["p", "q"][: rng.randint(0, 2)]:
            right.insert(rng.randint(0, len(right)), extra)
            lens[extra] = rng.randint(1, 3)
        if rng.random() < 0.3:
            right.insert(rng.randint(0, len(right)), str(rng.randint(2, 3)))
    if rng.random() < 0.3 and len(right) >= 2:
        i = rng.randint(0, len(right) - 2)
        if "(" not in right[i] and "(" not in right[i + 1]:
            right[i:i + 2] = ["(" + right[i] + " " + right[i + 1] + ")"]
    if rng.random() < 0.15:
        right.insert(rng.randint(0, len(right)), rng.choice(["1", "()"]))
    pattern = " ".join(left) + " -> " + " ".join(right)
    dt = rng.choice([F, I, B])
    if op == "reduce":
        add("reduce", [(shape, F)], pattern, reduction=rng.choice(["sum", "max", "mean", "prod", "any"]), lengths=lens)
    else:
        add(op, [(shape, dt)], pattern, lengths=lens)

# ---------------------------------------------------------------- empty contractions
add("einsum", [((2, 0), F), ((0, 3), F)], "i j, j k -> i k")
add("einsum", [((2, 0), I), ((0, 3), I)], "i j, j k -> i k")
add("einsum", [((2, 0), F)], "i j -> i")
add("einsum", [((0, 0), F)], "i i -> ")
add("einsum", [((2, 0), F), ((2, 0), F), ((0,), F)], "a b, a b, b -> a")
add("einsum", [((0, 3), F), ((3,), F)], "a b, b -> a")

# ---------------------------------------------------------------- unicode digits, bool einsum, extras
add("repeat", [((2,), F)], "a -> a \u0662")          # Arabic-Indic two: a decimal, so an anonymous axis of 2
add("repeat", [((2,), F)], "a -> a \u0661")          # Arabic-Indic one: a unit axis
add("rearrange", [((2,), F)], "a -> a \u0661")
add("rearrange", [((2,), F)], "a -> a \u00b2")       # superscript two: alnum, not decimal, not an identifier
add("rearrange", [((2, 3), F)], "a\u0662 b -> b a\u0662")
add("rearrange", [((2, 3), F)], "a\u00a0b -> b a")   # no-break space is not a separator
add("rearrange", [((2, 3), F)], "a b -> b a\n")
add("einsum", [((2, 3), B), ((3,), B)], "a b, b -> a")
add("einsum", [((3, 3), B)], "i i -> i")
add("einsum", [((2, 3), B), ((3,), I)], "a b, b -> a b")
add("reduce", [((2, 3), B)], "a b -> a", reduction="sum")
add("reduce", [((2, 3), B)], "a b -> a", reduction="prod")
add("rearrange", [((2, 3), B), ((2, 3), B)], "l a b -> b (l a)", list_input=True)
add("pack", [((2, 3), F)], "a\u3000*")             # ideographic space: whitespace for str.split
add("pack", [((2, 3), F)], "a\ufeff*")             # BOM: not whitespace in Python
add("unpack", [((6,), F)], "*\x1c", ps=[[2], [4]])    # \x1c is whitespace for str.split
add("parse_shape", [((2, 3), F)], "a \u0663")
add("parse_shape", [((2, 3), F)], "a \u0662")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference-cases.json")
with open(out, "w") as f:
    json.dump({"einops_version": einops.__version__, "numpy_version": np.__version__, "cases": cases}, f,
              ensure_ascii=False, separators=(",", ":"))
print(len(cases), "cases;", sum(c["expect"]["ok"] for c in cases), "succeed in the reference")
