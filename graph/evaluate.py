"""The scorer of the gold format: ``../shared/corpus/README.md`` section 8, exactly.

Gold files and predictions are plain JSON dicts of that format (``Extraction.to_json()``
writes it), so the scorer can judge any extractor, not only ours. Every count is
kept per article and summed before P/R/F1 are computed (micro-averaging, 8.8),
and the per-article false negatives / false positives are kept by name so that
``kg eval --details`` can show a developer what is wrong.

>>> gold = {"article": "a", "published": None, "noise": [], "quotes": [], "relations": [],
...         "entities": [{"id": "e1", "name": "Kementerian Ketenagakerjaan",
...                       "type": "GovernmentBody", "aliases": ["Kemnaker"]}]}
>>> pred = {"article": "a", "entities": [{"id": "x", "name": "KEMNAKER",
...                                       "type": "GovernmentBody", "aliases": []}]}
>>> score_pairs([(gold, pred)]).entities_overall.f1
1.0
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from graph.model import EntityType, Predicate
from graph.names import norm, qnorm

ENTITY_TYPES: tuple[str, ...] = tuple(str(t) for t in EntityType)
PREDICATES: tuple[str, ...] = tuple(str(p) for p in Predicate)
HOLDS_ROLE = str(Predicate.HOLDS_ROLE)
#: Predicates whose direction is ignored when matching (8.4).
SYMMETRIC = frozenset({str(Predicate.COLLABORATES_WITH)})

GOLD_SUFFIX = ".gold.json"


# --------------------------------------------------------------------------- numbers


def _ratio(a: int, b: int) -> float:
    """``a / b``, and 0 when the denominator is 0 (8.8)."""
    return a / b if b else 0.0


@dataclass(slots=True)
class PRF:
    """True positives, false positives and false negatives, and what follows from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> PRF:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(slots=True)
class Ratio:
    """An accuracy or a recall that is reported with its counts (``right`` of ``total``)."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return _ratio(self.right, self.total)

    def add(self, other: Ratio) -> Ratio:
        self.right += other.right
        self.total += other.total
        return self

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "right": self.right, "total": self.total}


def _sum_prf(items: Iterable[PRF]) -> PRF:
    total = PRF()
    for item in items:
        total.add(item)
    return total


# --------------------------------------------------------------------------- reading documents


@dataclass(frozen=True, slots=True)
class _Ent:
    id: str
    name: str
    type: str
    key: frozenset[str]  # the normalised name (empty set when the name normalises to "")
    forms: frozenset[str]  # normalised name and aliases (8.1), without ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.type})"


@dataclass(frozen=True, slots=True)
class _Rel:
    s: str
    p: str
    o: str
    role: str
    implied: bool


def _list(doc: Mapping[str, Any] | None, key: str) -> list[dict[str, Any]]:
    """The dict items of ``doc[key]``; anything malformed reads as absent."""
    items = (doc or {}).get(key)
    if not isinstance(items, list):
        return []
    return [x for x in items if isinstance(x, dict)]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _entities(doc: Mapping[str, Any] | None) -> list[_Ent]:
    ents = []
    for e in _list(doc, "entities"):
        name = _text(e.get("name"))
        aliases = e.get("aliases") if isinstance(e.get("aliases"), list) else []
        key = norm(name)
        forms = {key, *(norm(_text(a)) for a in aliases)} - {""}
        ents.append(
            _Ent(
                id=_text(e.get("id")),
                name=name,
                type=_text(e.get("type")),
                key=frozenset({key} - {""}),
                forms=frozenset(forms),
            )
        )
    return ents


def _relations(doc: Mapping[str, Any] | None) -> list[_Rel]:
    return [
        _Rel(
            s=_text(r.get("s")),
            p=_text(r.get("p")),
            o=_text(r.get("o")),
            role=_text(r.get("role")),
            implied=r.get("implied") is True,
        )
        for r in _list(doc, "relations")
    ]


def _rel_key(s: str, p: str, o: str) -> tuple[str, str, str]:
    if p in SYMMETRIC and o < s:
        s, o = o, s
    return (p, s, o)


# --------------------------------------------------------------------------- matching


def _first_free(
    gold: list[_Ent], free: list[bool], type_: str, forms: frozenset[str]
) -> int | None:
    for j, g in enumerate(gold):
        if free[j] and g.type == type_ and not forms.isdisjoint(g.forms):
            return j
    return None


def _match_entities(pred: list[_Ent], gold: list[_Ent]) -> dict[int, int]:
    """Predicted index -> gold index, one-to-one and greedy (8.3).

    Pass 1 tries every predicted entity by its name, in predicted order, against
    the still-free gold entities in gold order; pass 2 tries the predicted
    entities still unmatched with all their forms against the gold forms.
    """
    free = [True] * len(gold)
    pairs: dict[int, int] = {}
    for use_all_forms in (False, True):
        for i, p in enumerate(pred):
            if i in pairs:
                continue
            j = _first_free(gold, free, p.type, p.forms if use_all_forms else p.key)
            if j is not None:
                pairs[i] = j
                free[j] = False
    return pairs


def role_right(pred: str | None, gold: str | None) -> bool:
    """The holdsRole role credit of 8.4: equal after ``norm``, or one inside the other.

    >>> role_right("Wakil Menteri", "Wakil Menteri Ketenagakerjaan")
    True
    >>> role_right("", "Menteri")
    False
    """
    p, g = norm(pred), norm(gold)
    return bool(p and g) and (p == g or p in g or g in p)


# --------------------------------------------------------------------------- one article


@dataclass(slots=True)
class ArticleScore:
    """The counts of one article, and the names behind them (``details``)."""

    article: str
    entities: dict[str, PRF]
    relations: dict[str, PRF]
    roles: Ratio
    implied: Ratio
    explicit: Ratio
    quotes: PRF
    leaked: list[str]
    published_pred: str | None
    published_gold: str | None
    missing: bool = False  # no prediction was given for this article
    details: dict[str, list[str]] = field(default_factory=dict)

    @property
    def entities_total(self) -> PRF:
        return _sum_prf(self.entities.values())

    @property
    def relations_total(self) -> PRF:
        return _sum_prf(self.relations.values())

    @property
    def published_correct(self) -> bool:
        return self.published_pred == self.published_gold

    def row(self) -> dict[str, Any]:
        """The per-article table row (8.8): gold, predicted and matched counts."""
        e, r, q = self.entities_total, self.relations_total, self.quotes
        return {
            "article": self.article,
            "gold": e.tp + e.fn,
            "predicted": e.tp + e.fp,
            "matched": e.tp,
            "relations_gold": r.tp + r.fn,
            "relations_predicted": r.tp + r.fp,
            "relations_matched": r.tp,
            "quotes_gold": q.tp + q.fn,
            "quotes_predicted": q.tp + q.fp,
            "quotes_matched": q.tp,
            "leaked": len(self.leaked),
            "published_correct": self.published_correct,
            "missing_prediction": self.missing,
        }


def _published(doc: Mapping[str, Any] | None) -> str | None:
    value = (doc or {}).get("published")
    return None if value is None else _text(value)


class _Notes(dict[str, list[str]]):
    """Names behind the counts, by kind (``fn_entities``, ``fp_relations``, ...)."""

    def add(self, kind: str, text: str) -> None:
        self.setdefault(kind, []).append(text)


def _score_entities(
    gold: list[_Ent], pred: list[_Ent], pairs: dict[int, int], notes: _Notes
) -> dict[str, PRF]:
    """Per type TP / FP / FN of 8.3 (a wrong type is an FP and an FN)."""
    matched_gold = set(pairs.values())
    counts = {t: PRF() for t in ENTITY_TYPES}
    for j, g in enumerate(gold):
        prf = counts.setdefault(g.type, PRF())
        if j in matched_gold:
            prf.tp += 1
        else:
            prf.fn += 1
            notes.add("fn_entities", g.label)
    for i, p in enumerate(pred):
        if i not in pairs:
            counts.setdefault(p.type, PRF()).fp += 1
            notes.add("fp_entities", p.label + _unmatched_note(p, gold, matched_gold))
    return counts


def _unmatched_note(p: _Ent, gold: list[_Ent], matched_gold: set[int]) -> str:
    """Why an unmatched predicted entity did not match, when a gold entity shares a form."""
    for j, g in enumerate(gold):
        if p.forms.isdisjoint(g.forms):
            continue
        if g.type != p.type:
            return f" [wrong type; gold: {g.label}]"
        if j in matched_gold:
            return f" [second entity for gold {g.name!r}]"
    return ""


def _leaked(gold_doc: Mapping[str, Any], pred: list[_Ent], notes: _Notes) -> list[str]:
    """8.6: distinct predicted entities (by name) with a form in the article's noise list."""
    noise = {norm(n) for n in gold_doc.get("noise") or [] if isinstance(n, str)} - {""}
    leaked: dict[frozenset[str], str] = {}
    for p in pred:
        if not p.forms.isdisjoint(noise):
            leaked.setdefault(p.key, p.name)
    for name in leaked.values():
        notes.add("noise", name)
    return sorted(leaked.values())


@dataclass(slots=True)
class _RelationScore:
    counts: dict[str, PRF]
    roles: Ratio
    implied: Ratio
    explicit: Ratio


def _score_relations(
    gold_doc: Mapping[str, Any], pred_doc: Mapping[str, Any] | None, m: _Matching
) -> _RelationScore:
    """8.4: ends through the entity matching; gold relations are a set; FP = predicted - TP."""
    to_gold, gold_name, pred_name, notes = m.to_gold, m.gold_name, m.pred_name, m.notes
    gold_rels: dict[tuple[str, str, str], _Rel] = {}
    for r in _relations(gold_doc):
        gold_rels.setdefault(_rel_key(r.s, r.p, r.o), r)
    hits: dict[tuple[str, str, str], _Rel] = {}  # gold key -> first prediction matching it
    predicted = {p: 0 for p in PREDICATES}
    for r in _relations(pred_doc):
        predicted[r.p] = predicted.get(r.p, 0) + 1
        s, o = to_gold.get(r.s), to_gold.get(r.o)
        shown = f"{pred_name.get(r.s, r.s)} -{r.p}-> {pred_name.get(r.o, r.o)}"
        shown += f" [{r.role}]" if r.p == HOLDS_ROLE and r.role else ""
        if s is None or o is None:
            ends = [pred_name.get(x, f"no entity {x!r}") for x, m in ((r.s, s), (r.o, o)) if not m]
            notes.add("fp_relations", f"{shown} [unmatched: {', '.join(ends)}]")
            continue
        key = _rel_key(s, r.p, o)
        if key in gold_rels and key not in hits:
            hits[key] = r
        else:
            notes.add("fp_relations", shown + (" [duplicate]" if key in hits else ""))
    score = _RelationScore({p: PRF() for p in PREDICATES}, Ratio(), Ratio(), Ratio())
    for p, n in predicted.items():
        score.counts.setdefault(p, PRF()).fp = n
    for key, g in gold_rels.items():
        prf = score.counts.setdefault(g.p, PRF())
        hit = hits.get(key)
        shown = f"{gold_name.get(g.s, g.s)} -{g.p}-> {gold_name.get(g.o, g.o)}"
        if hit is None:
            prf.fn += 1
            notes.add("fn_relations", shown + (f" [{g.role}]" if g.p == HOLDS_ROLE else ""))
        else:
            prf.tp += 1
            prf.fp -= 1
        if g.p != HOLDS_ROLE:
            continue
        split = score.implied if g.implied else score.explicit
        split.add(Ratio(int(hit is not None), 1))
        if hit is not None:
            right = role_right(hit.role, g.role)
            score.roles.add(Ratio(int(right), 1))
            if not right:
                notes.add("wrong_roles", f"{shown}: predicted {hit.role!r}, gold {g.role!r}")
    return score


def _score_quotes(
    gold_doc: Mapping[str, Any], pred_doc: Mapping[str, Any] | None, m: _Matching
) -> PRF:
    """8.5: speaker mapped to the gold speaker and the text starts with ``starts``; 1:1."""
    to_gold, gold_name, pred_name, notes = m.to_gold, m.gold_name, m.pred_name, m.notes
    gold_quotes = [
        (_text(q.get("speaker")), _text(q.get("starts", q.get("text"))))
        for q in _list(gold_doc, "quotes")
    ]
    starts = [qnorm(s) for _, s in gold_quotes]
    free = [True] * len(gold_quotes)
    prf = PRF()
    for q in _list(pred_doc, "quotes"):
        text = _text(q["text"] if q.get("text") is not None else q.get("starts"))
        speaker_id = _text(q.get("speaker"))
        speaker, qtext = to_gold.get(speaker_id), qnorm(text)
        k = next(
            (
                k
                for k, (g_speaker, _) in enumerate(gold_quotes)
                if free[k] and speaker == g_speaker and qtext.startswith(starts[k])
            ),
            None,
        )
        if k is not None:
            free[k] = False
            prf.tp += 1
        else:
            prf.fp += 1
            why = "" if speaker is not None else " [speaker unmatched]"
            notes.add("fp_quotes", f"{pred_name.get(speaker_id, speaker_id)}: {_clip(text)}{why}")
    for k, (g_speaker, g_starts) in enumerate(gold_quotes):
        if free[k]:
            prf.fn += 1
            notes.add("fn_quotes", f"{gold_name.get(g_speaker, g_speaker)}: {_clip(g_starts)}")
    return prf


@dataclass(slots=True)
class _Matching:
    """The entity matching of one article as relations and quotes need it."""

    to_gold: dict[str, str]  # predicted entity id -> matched gold entity id
    gold_name: dict[str, str]  # entity id -> name, for the details
    pred_name: dict[str, str]
    notes: _Notes

    @classmethod
    def of(
        cls, gold: list[_Ent], pred: list[_Ent], pairs: dict[int, int], notes: _Notes
    ) -> _Matching:
        m = cls({}, {}, {}, notes)
        for i, j in sorted(pairs.items()):
            m.to_gold.setdefault(pred[i].id, gold[j].id)
        for ents, names in ((gold, m.gold_name), (pred, m.pred_name)):
            for e in ents:
                names.setdefault(e.id, e.name)
        return m


def score_article(gold: Mapping[str, Any], pred: Mapping[str, Any] | None) -> ArticleScore:
    """Score one article's prediction (``None``: no prediction, i.e. an empty one)."""
    gold_ents, pred_ents = _entities(gold), _entities(pred)
    pairs = _match_entities(pred_ents, gold_ents)
    notes = _Notes()
    entities = _score_entities(gold_ents, pred_ents, pairs, notes)
    leaked = _leaked(gold, pred_ents, notes)
    matching = _Matching.of(gold_ents, pred_ents, pairs, notes)
    rels = _score_relations(gold, pred, matching)
    quotes = _score_quotes(gold, pred, matching)
    return ArticleScore(
        article=_text(gold.get("article")),
        entities=entities,
        relations=rels.counts,
        roles=rels.roles,
        implied=rels.implied,
        explicit=rels.explicit,
        quotes=quotes,
        leaked=leaked,
        published_pred=_published(pred),
        published_gold=_published(gold),
        missing=pred is None,
        details=dict(notes),
    )


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------- the report


@dataclass(slots=True)
class EvalReport:
    """Micro-averaged scores of a set of articles (8.8) plus the per-article scores."""

    articles: list[ArticleScore] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    extra_predictions: list[str] = field(default_factory=list)  # predictions without gold
    entities_by_type: dict[str, PRF] = field(default_factory=dict)
    entities_overall: PRF = field(default_factory=PRF)
    relations_by_predicate: dict[str, PRF] = field(default_factory=dict)
    relations_overall: PRF = field(default_factory=PRF)
    roles: Ratio = field(default_factory=Ratio)
    implied: Ratio = field(default_factory=Ratio)
    explicit: Ratio = field(default_factory=Ratio)
    quotes: PRF = field(default_factory=PRF)
    published: Ratio = field(default_factory=Ratio)

    @classmethod
    def of(cls, articles: Iterable[ArticleScore], **extra: Any) -> EvalReport:
        """Sum the counts of ``articles`` (TP/FP/FN before P/R/F1)."""
        report = cls(articles=list(articles), **extra)
        report.entities_by_type = {t: PRF() for t in ENTITY_TYPES}
        report.relations_by_predicate = {p: PRF() for p in PREDICATES}
        for a in report.articles:
            for t, prf in a.entities.items():
                report.entities_by_type.setdefault(t, PRF()).add(prf)
            for p, prf in a.relations.items():
                report.relations_by_predicate.setdefault(p, PRF()).add(prf)
            report.roles.add(a.roles)
            report.implied.add(a.implied)
            report.explicit.add(a.explicit)
            report.quotes.add(a.quotes)
            report.published.add(Ratio(int(a.published_correct), 1))
        report.entities_overall = _sum_prf(report.entities_by_type.values())
        report.relations_overall = _sum_prf(report.relations_by_predicate.values())
        return report

    @property
    def role_accuracy(self) -> float:
        return self.roles.value

    @property
    def holdsrole_recall_implied(self) -> float:
        return self.implied.value

    @property
    def holdsrole_recall_explicit(self) -> float:
        return self.explicit.value

    @property
    def published_accuracy(self) -> float:
        return self.published.value

    @property
    def noise(self) -> dict[str, list[str]]:
        """Leaked predicted entity names per article (every article, target: none)."""
        return {a.article: list(a.leaked) for a in self.articles}

    @property
    def noise_total(self) -> int:
        return sum(len(a.leaked) for a in self.articles)

    @property
    def published_by_article(self) -> dict[str, dict[str, Any]]:
        return {
            a.article: {
                "predicted": a.published_pred,
                "gold": a.published_gold,
                "correct": a.published_correct,
            }
            for a in self.articles
        }

    @property
    def missing_predictions(self) -> list[str]:
        return [a.article for a in self.articles if a.missing]

    @property
    def per_article(self) -> list[dict[str, Any]]:
        return [a.row() for a in self.articles]

    def summary(self) -> dict[str, Any]:
        """The headline numbers (what the compact summary of ``kg eval`` shows)."""
        return {
            "articles": len(self.articles),
            "entity_f1": self.entities_overall.f1,
            "relation_f1": self.relations_overall.f1,
            "role_accuracy": self.role_accuracy,
            "quote_f1": self.quotes.f1,
            "noise_leaked": self.noise_total,
            "published_accuracy": self.published_accuracy,
        }

    def to_json(self, *, details: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "summary": self.summary(),
            "entities": {
                "by_type": {t: prf.to_json() for t, prf in self.entities_by_type.items()},
                "overall": self.entities_overall.to_json(),
            },
            "relations": {
                "by_predicate": {
                    p: prf.to_json() for p, prf in self.relations_by_predicate.items()
                },
                "overall": self.relations_overall.to_json(),
            },
            "holdsRole": {
                "role_accuracy": self.roles.to_json(),
                "recall_implied": self.implied.to_json(),
                "recall_explicit": self.explicit.to_json(),
            },
            "quotes": self.quotes.to_json(),
            "noise": {"by_article": self.noise, "total": self.noise_total},
            "published": {**self.published.to_json(), "by_article": self.published_by_article},
            "per_article": self.per_article,
            "missing_predictions": self.missing_predictions,
            "extra_predictions": list(self.extra_predictions),
            "problems": [{"path": p, "reason": r} for p, r in self.problems],
        }
        if details:
            d["details"] = {a.article: a.details for a in self.articles}
        return d

    # ----------------------------------------------------------------- rendering

    def to_table(self) -> Any:
        """A rich renderable of the full report (tables per section, 8.8)."""
        from rich.console import Group

        def prf_table(title: str, first: str, rows: dict[str, PRF], total: PRF) -> Any:
            table = _table(title)
            table.add_column(first, no_wrap=True)
            for col in ("gold", "pred", "TP", "FP", "FN", "P", "R", "F1"):
                table.add_column(col, justify="right", no_wrap=True)
            for name, prf in rows.items():
                table.add_row(name, *_prf_cells(prf))
            table.add_section()
            table.add_row("overall", *_prf_cells(total), style="bold")
            return table

        scores = _table("holdsRole, quotes, published")
        scores.add_column("measure")
        scores.add_column("value", justify="right")
        scores.add_column("counts", justify="right")
        for label, ratio in (
            ("holdsRole role accuracy", self.roles),
            ("holdsRole recall, implied", self.implied),
            ("holdsRole recall, explicit", self.explicit),
            ("published-date accuracy", self.published),
        ):
            scores.add_row(label, f"{ratio.value:.3f}", f"{ratio.right}/{ratio.total}")
        q = self.quotes
        scores.add_row("quote precision", f"{q.precision:.3f}", f"tp {q.tp} fp {q.fp}")
        scores.add_row("quote recall", f"{q.recall:.3f}", f"tp {q.tp} fn {q.fn}")
        scores.add_row("quote F1", f"{q.f1:.3f}", "")

        per = _table("per article (gold / predicted / matched)")
        per.add_column("article", no_wrap=True)
        for col in ("entities", "relations", "quotes", "leaked"):
            per.add_column(col, justify="right", no_wrap=True)
        per.add_column("published (pred / gold)")
        for a in self.articles:
            r = a.row()
            pub = "ok" if a.published_correct else f"{a.published_pred} / {a.published_gold}"
            per.add_row(
                a.article + (" (none)" if a.missing else ""),
                f"{r['gold']}/{r['predicted']}/{r['matched']}",
                f"{r['relations_gold']}/{r['relations_predicted']}/{r['relations_matched']}",
                f"{r['quotes_gold']}/{r['quotes_predicted']}/{r['quotes_matched']}",
                str(r["leaked"]),
                pub,
            )
        parts: list[Any] = [
            prf_table("entities", "type", self.entities_by_type, self.entities_overall),
            prf_table(
                "relations", "predicate", self.relations_by_predicate, self.relations_overall
            ),
            scores,
            per,
        ]
        leaks = [a for a in self.articles if a.leaked]
        if leaks:
            noise = _table("noise leakage (target 0)")
            noise.add_column("article")
            noise.add_column("leaked", justify="right")
            noise.add_column("names")
            for a in leaks:
                noise.add_row(a.article, str(len(a.leaked)), ", ".join(a.leaked))
            noise.add_section()
            noise.add_row("total", str(self.noise_total), "", style="bold")
            parts.append(noise)
        return Group(*parts)

    def details_lines(self) -> list[str]:
        """Per article, the FN and FP entities, relations and quotes by name."""
        labels = (
            ("fn_entities", "FN entity"),
            ("fp_entities", "FP entity"),
            ("fn_relations", "FN relation"),
            ("fp_relations", "FP relation"),
            ("wrong_roles", "wrong role"),
            ("fn_quotes", "FN quote"),
            ("fp_quotes", "FP quote"),
            ("noise", "noise leaked"),
        )
        lines: list[str] = []
        for a in self.articles:
            e, r = a.entities_total, a.relations_total
            head = (
                f"{a.article}: entities {e.tp}/{e.tp + e.fn} matched ({e.fp} FP), "
                f"relations {r.tp}/{r.tp + r.fn} ({r.fp} FP), "
                f"quotes {a.quotes.tp}/{a.quotes.tp + a.quotes.fn} ({a.quotes.fp} FP)"
            )
            lines.append(head + (" - no prediction" if a.missing else ""))
            for key, label in labels:
                lines.extend(f"  {label}: {item}" for item in a.details.get(key, []))
            if not a.published_correct:
                lines.append(f"  published: predicted {a.published_pred}, gold {a.published_gold}")
        return lines

    def summary_lines(self) -> list[str]:
        """The compact summary (at most ~10 lines) that ends the text report."""

        def prf_line(label: str, prf: PRF) -> str:
            return (
                f"{label:<15}P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}"
                f"  (tp {prf.tp}, fp {prf.fp}, fn {prf.fn})"
            )

        leaks = [f"{a.article} {len(a.leaked)}" for a in self.articles if a.leaked]
        shown = ", ".join(leaks[:8]) + (", ..." if len(leaks) > 8 else "")
        lines = [
            f"summary of {len(self.articles)} article(s)",
            prf_line("entities", self.entities_overall),
            prf_line("relations", self.relations_overall),
            f"{'role accuracy':<15}{self.role_accuracy:.3f}  "
            f"({self.roles.right}/{self.roles.total} matched holdsRole)",
            f"{'holdsRole R':<15}implied {self.implied.value:.3f} "
            f"({self.implied.right}/{self.implied.total}), explicit "
            f"{self.explicit.value:.3f} ({self.explicit.right}/{self.explicit.total})",
            prf_line("quotes", self.quotes),
            f"{'noise leaked':<15}{self.noise_total}" + (f"  ({shown})" if leaks else ""),
            f"{'published':<15}{self.published_accuracy:.3f}  "
            f"({self.published.right}/{self.published.total})",
        ]
        if self.missing_predictions:
            lines.append(
                f"{'no prediction':<15}{len(self.missing_predictions)}: "
                + ", ".join(self.missing_predictions[:10])
            )
        return lines


def _table(title: str) -> Any:
    """A borderless rich table (nine type names and eight numbers fit in 80 columns)."""
    from rich import box
    from rich.table import Table

    return Table(
        title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, pad_edge=False
    )


def _prf_cells(prf: PRF) -> list[str]:
    return [
        str(prf.tp + prf.fn),
        str(prf.tp + prf.fp),
        str(prf.tp),
        str(prf.fp),
        str(prf.fn),
        f"{prf.precision:.3f}",
        f"{prf.recall:.3f}",
        f"{prf.f1:.3f}",
    ]


# --------------------------------------------------------------------------- files


def prediction_filename(article: str) -> str:
    """``{article}.json``; an id that is not a plain file name is percent-encoded.

    >>> prediction_filename("s01"), prediction_filename("feed/7")
    ('s01.json', 'feed%2F7.json')
    """
    plain = article and not article.startswith(".") and not any(c in article for c in "/\\\0")
    return f"{article if plain else quote(article, safe='')}.json"


def _read_json(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The JSON object in ``path``, or ``None`` and why not."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read: {exc}"
    except ValueError as exc:
        return None, f"not valid JSON: {exc}"
    if not isinstance(data, dict):
        return None, f"expected a JSON object, found {type(data).__name__}"
    for key in ("entities", "relations", "quotes"):
        if key in data and not isinstance(data[key], list):
            return None, f"'{key}' must be a list"
    return data, None


def load_gold(gold_dir: Path) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """Article id -> gold dict for every ``*.gold.json`` in ``gold_dir``, and the problems.

    The article id is the file's ``article`` field, else the stem without ``.gold``.
    """
    golds: dict[str, dict[str, Any]] = {}
    problems: list[tuple[str, str]] = []
    for path in sorted(Path(gold_dir).glob(f"*{GOLD_SUFFIX}")):
        data, why = _read_json(path)
        if data is None:
            problems.append((str(path), f"gold file skipped: {why}"))
            continue
        article = _text(data.get("article")) or path.name[: -len(GOLD_SUFFIX)]
        if article in golds:
            problems.append(
                (
                    str(path),
                    f"gold file skipped: article {article!r} is already "
                    "annotated by another gold file",
                )
            )
            continue
        golds[article] = {**data, "article": article}
    return golds, problems


def load_predictions(
    pred_dir: Path, articles: Iterable[str]
) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]], list[str]]:
    """The predictions ``{article}.json`` of ``articles``, the problems, and other JSON files."""
    pred_dir = Path(pred_dir)
    preds: dict[str, dict[str, Any]] = {}
    problems: list[tuple[str, str]] = []
    wanted = set()
    if not pred_dir.is_dir():
        problems.append(
            (str(pred_dir), "prediction directory not found: every prediction is empty")
        )
        return preds, problems, []
    for article in articles:
        path = pred_dir / prediction_filename(article)
        wanted.add(path.name)
        if not path.is_file():
            continue
        data, why = _read_json(path)
        if data is None:
            problems.append((str(path), f"prediction read as empty: {why}"))
            continue
        preds[article] = data
    extra = sorted(
        p.name[: -len(".json")]
        for p in pred_dir.glob("*.json")
        if p.name not in wanted and not p.name.endswith(GOLD_SUFFIX)
    )
    return preds, problems, extra


def score_pairs(
    pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any] | None]],
) -> EvalReport:
    """Score (gold, prediction) pairs; a ``None`` prediction is an empty one."""
    return EvalReport.of(score_article(gold, pred) for gold, pred in pairs)


def score(gold_dir: Path, pred: Path | Mapping[str, Mapping[str, Any]]) -> EvalReport:
    """Score a prediction directory (``{article}.json``) or a mapping article -> prediction
    against the ``*.gold.json`` files of ``gold_dir``. Missing predictions are empty."""
    golds, problems = load_gold(Path(gold_dir))
    if isinstance(pred, Mapping):
        preds: Mapping[str, Mapping[str, Any]] = pred
        extra = sorted(set(pred) - set(golds))
    else:
        preds, more, extra = load_predictions(Path(pred), golds)
        problems += more
    report = score_pairs((gold, preds.get(article)) for article, gold in golds.items())
    report.problems = problems
    report.extra_predictions = extra
    return report


__all__ = [
    "PRF",
    "ArticleScore",
    "EvalReport",
    "Ratio",
    "load_gold",
    "load_predictions",
    "prediction_filename",
    "role_right",
    "score",
    "score_article",
    "score_pairs",
]
