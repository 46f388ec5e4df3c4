"""Sentence-level relation patterns over resolved entities.

Each rule reads cue phrases from ``ontology/lexicon/cues.yaml`` and the entity
types around them; every relation keeps the sentence it came from, the rule
name and a confidence. The ontology's domains and ranges filter the result, so
a rule can never assert, say, a Person ``partOf`` an Agreement.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from graph.extract.mentions import ET, Analysis, Cand, Rules, Title
from graph.extract.quotes import QuoteSpan
from graph.extract.resolve import _INNER_ACRONYM, Group, Resolver
from graph.model import ORGANISATION_TYPES, EntityType, Predicate
from graph.names import norm

P = Predicate
ORG = ORGANISATION_TYPES
ACTORS = frozenset({*ORG, ET.COUNTRY})
LOCATABLE = frozenset({ET.EVENT, ET.PLACE, *ORG})
PLACES = frozenset({ET.PLACE, ET.COUNTRY})


_VERB_LIKE = re.compile(r"^(?:me[mnr]?|meng|meny|ber)[a-z]{4,}$")  # active verbs


def _same_or_placed(key: tuple[str, ...], target: tuple[str, ...]) -> bool:
    """``key`` is ``target``, or ``target`` followed only by places ("... @uae")."""
    n = len(target)
    return key[:n] == target and all(t.startswith("@") for t in key[n:])


@dataclass(slots=True)
class Rel:
    s: Group
    p: Predicate
    o: Group
    sent: int  # sentence index (evidence)
    rule: str
    confidence: float
    role: str | None = None
    implied: bool = False


@dataclass(slots=True)
class Item:
    cand: Cand
    group: Group

    @property
    def type(self) -> EntityType:
        return self.group.type


class RelationFinder:
    """Applies every relation rule to one analysed document."""

    def __init__(self, a: Analysis, r: Rules, res: Resolver, quotes: list[QuoteSpan]) -> None:
        self.a, self.r, self.v, self.res = a, r, r.v, res
        self.quotes = quotes
        self.rels: list[Rel] = []
        self._rel_index: dict[int, list[Rel]] = {}
        self._rel_index_len = -1
        items = []
        for c in a.cands:
            g = res.group(c)
            if g is not None:
                items.append(Item(c, g))
        items.sort(key=lambda it: (it.cand.start, -it.cand.end))
        self.items = items
        self.item_at: dict[int, Item] = {}
        for it in items:
            if not it.cand.nested and it.cand.start not in self.item_at:
                self.item_at[it.cand.start] = it
        self._title_at = {
            t.start: t.person.start
            for t in a.titles
            if t.person is not None and t.person.start >= t.end
        }
        self._descriptors = sorted(
            (tuple(d.split()) for d in r.lex.lists.get("list_item_descriptors", frozenset())),
            key=len,
            reverse=True,
        )
        self.by_sent: dict[int, list[Item]] = {}
        for it in items:
            self.by_sent.setdefault(self.v.sent[it.cand.start], []).append(it)
        self._hits = self._index_cues()
        self._at: dict[tuple[str, int], list[tuple[int, int]]] = {}
        for name, occ in self._hits.items():
            for s, e in occ:
                self._at.setdefault((name, s), []).append((s, e))

    # ------------------------------------------------------------------ lookup helpers

    def about(self, g: Group) -> list[Rel]:
        """Relations whose subject or object is ``g`` (indexed; rebuilt when rels grew)."""
        if self._rel_index_len != len(self.rels):
            index: dict[int, list[Rel]] = {}
            for rel in self.rels:
                index.setdefault(id(rel.s), []).append(rel)
                if rel.o is not rel.s:
                    index.setdefault(id(rel.o), []).append(rel)
            self._rel_index, self._rel_index_len = index, len(self.rels)
        return self._rel_index.get(id(g), [])

    def add(
        self,
        s: Group | None,
        p: Predicate,
        o: Group | None,
        sent: int,
        rule: str,
        conf: float,
        **kw,
    ) -> None:
        if s is None or o is None or s is o:
            return
        self.rels.append(Rel(s, p, o, sent, rule, conf, **kw))

    def _index_cues(self) -> dict[str, list[tuple[int, int]]]:
        """Every cue occurrence of every list, found in one pass over the tokens.

        Adverbs may sit between the words of a cue ("berkomitmen penuh menjalankan").
        """
        by_first = self.r.lex.cue_index
        lower = self.v.lower
        n = len(lower)
        adverbs = self.r.lex.lists.get("cue_adverbs", frozenset())
        hits: dict[str, list[tuple[int, int]]] = {}
        for i, w in enumerate(lower):
            for cue, name in by_first.get(w, ()):
                k, ok = i + 1, True
                for part in cue[1:]:
                    skipped = 0
                    while k < n and lower[k] != part and lower[k] in adverbs and skipped < 2:
                        k += 1
                        skipped += 1
                    if k >= n or lower[k] != part:
                        ok = False
                        break
                    k += 1
                if ok:
                    hits.setdefault(name, []).append((i, k))
        return hits

    def cue_at(self, i: int, name: str) -> int | None:
        """End of the longest cue phrase of list ``name`` starting at token ``i``."""
        ends = [e for _, e in self._at.get((name, i), ())]
        return max(ends) if ends else None

    def cues(self, name: str) -> list[tuple[int, int]]:
        """Every (start, end) occurrence of a cue list."""
        return self._hits.get(name, [])

    def _skip_paren(self, i: int) -> int:
        """Position before a parenthetical that ends right before ``i`` ("X (ACR) bersama")."""
        v = self.v
        if i > 0 and v.words[i - 1] == ")":
            k = i - 2
            while k >= 0 and k > i - 8 and v.words[k] != "(":
                k -= 1
            if k >= 0 and v.words[k] == "(":
                return k
        return i

    def before(self, i: int, types: frozenset, *, limit: int = 30) -> Item | None:
        """Nearest entity of ``types`` ending at or before token ``i`` in its sentence.

        A parenthetical right before ``i`` ("Kemnaker (Kemnaker) bersama") is skipped
        when nothing ends at ``i`` itself.
        """
        for pos in (i, self._skip_paren(i)):
            sent = self.v.sent[pos] if pos < self.v.n else self.v.sent[-1]
            best = None
            for it in self.by_sent.get(sent, []):
                near = it.cand.end <= pos and pos - it.cand.end <= limit and it.type in types
                if near and (best is None or it.cand.end > best.cand.end):
                    best = it
            if best is not None:
                return best
        return None

    def after(self, i: int, types: frozenset, *, limit: int = 12) -> Item | None:
        sent = self.v.sent[min(i, self.v.n - 1)]
        best = None
        for it in self.by_sent.get(sent, []):
            near = it.cand.start >= i and it.cand.start - i <= limit and it.type in types
            if near and (best is None or it.cand.start < best.cand.start):
                best = it
        return best

    def list_after(self, i: int, types: frozenset) -> list[Item]:
        """Entities listed from token ``i``: "A, B dan C" (nothing else between them)."""
        v = self.v
        out: list[Item] = []
        k = i
        sent_end = v.sent_end(min(i, v.n - 1))
        located = False  # the last item had a locative: a place next continues it
        while k < sent_end:
            it = self._item_after_lead(k, sent_end)
            if it is None or it.type not in types or (located and it.type in PLACES):
                break
            located = False
            out.append(it)
            k = it.cand.end
            if k < sent_end and v.words[k] == "(":  # "(BP2MI)" / "(23/5)"
                close = k
                while close < sent_end and v.words[close] != ")":
                    close += 1
                k = close + 1
            if k + 1 < sent_end and v.lower[k] == "di" and it.type is not ET.PLACE:
                place = self.item_at.get(
                    k + 1
                )  # "perwakilan Kedutaan Besar Jepang di Jakarta, ..."
                if place is not None and place.type in PLACES:
                    k, located = place.cand.end, True
            if k < sent_end and v.words[k] == ",":
                k += 1
            if k < sent_end and v.lower[k] in {"dan", "serta", "maupun"}:
                k += 1
            elif out and k < sent_end and v.words[k - 1] != ",":
                break
        return out

    def subjects_before(self, i: int, types: frozenset) -> list[Item]:
        """The acting entity before a verb at ``i``, with "X melalui Y" and "X dan Y" expanded."""
        first = self.before(i, types)
        if first is None:
            return []
        v = self.v
        k = first.cand.start
        if k > 0 and v.words[k - 1] == "(":
            # the acronym inside "Badan ... (BP2MI)": the name before the parenthesis acts
            owner = self.before(k - 1, types, limit=0)
            if owner is not None and owner.group is first.group:
                first = owner
                k = owner.cand.start
        first = self._specific(first)
        out = [first]
        # "X melalui Y verb", "X dan Y verb", "X bersama Y verb": both act (README C28)
        if k >= 2 and (
            self.cue_at(k - 1, "through") == k
            or v.lower[k - 1] in {"dan", "serta", "bersama", "beserta"}
        ):
            prev = self.before(k - 1, types, limit=1)
            if prev is not None:
                out.insert(0, self._specific(prev))
        return self._with_collaborators(out, types)

    def _with_collaborators(self, out: list[Item], types: frozenset) -> list[Item]:
        """ "X (melalui Y) bekerja sama dengan A dan B meluncurkan P": when the nearest actor
        is the last partner, X, Y, A and B all act (README C28)."""
        last = out[-1]
        s = self.v.sent[last.cand.start]
        for ci, ce in self.cues("collaborate"):
            if self.v.sent[ci] != s or ce > last.cand.start:
                continue
            partners = self.list_after(ce, types)
            if partners and partners[-1].group is last.group:
                actors = [*self._collab_subjects(ci), *partners]
                seen: set[int] = set()
                return [x for x in actors if id(x.group) not in seen and not seen.add(id(x.group))]
        return out

    def _item_after_lead(self, k: int, stop: int) -> Item | None:
        """The listed name after what may lead it: "perwakilan", a description
        ("pemerintah Thailand"), or a title ("Wakil Gubernur Jawa Barat Asep Kurniawan")."""
        v = self.v
        for _ in range(3):
            if k >= stop:
                return None
            title = self._title_at.get(k)
            if title is not None:  # the person, not a body the title implies
                return self.item_at.get(title)
            it = self.item_at.get(k)
            if it is not None:
                return it
            if v.lower[k] in self.r.lex.lists.get("list_leads", frozenset()):
                k += 1
                continue
            nxt = self._after_descriptor(k, stop)
            if nxt is None:
                return None
            k = nxt
        return None

    def _after_descriptor(self, k: int, stop: int) -> int | None:
        """Token after a lowercase description of the next name ("pemerintah Thailand",
        "lembaga swadaya masyarakat ADBMI"), else None."""
        v = self.v
        for words in self._descriptors:
            n = len(words)
            if k + n < stop and tuple(v.lower[k : k + n]) == words and v.words[k][:1].islower():
                return k + n
        return None

    def sent_items(self, s: int, types: frozenset | None = None) -> list[Item]:
        return [it for it in self.by_sent.get(s, []) if types is None or it.type in types]

    # ------------------------------------------------------------------ rules

    def run(self) -> list[Rel]:
        self.hold_roles()
        self.sub_units()
        self.collaborations()
        self.organizers()
        self.programs()
        self.adoptions()
        self.signatures()
        self.memberships()
        self.locations()
        self.participations()
        return self.rels

    # holdsRole -------------------------------------------------------------

    def hold_roles(self) -> None:
        for t in self.a.titles:
            if t.person is None:
                continue
            person = self.res.group(t.person)
            if person is None or person.type is not ET.PERSON:
                continue
            obj, implied, rule = self._role_object(t)
            if obj is None:
                continue
            role = self.v.span_text(t.start, t.end).strip(" ,")
            implied = self._implied(obj, role, t)
            self.add(
                person,
                P.HOLDS_ROLE,
                obj,
                self.v.sent[t.start],
                rule,
                0.85,
                role=role,
                implied=implied,
            )
            if t.affiliation is not None:
                unit = self.res.group(t.affiliation)
                inner = [self.res.group(c) for c in t.inner if c.type in ORG]
                for g in inner:
                    if g is not None and unit is not None and g is not unit and g is obj:
                        self.add(
                            g,
                            P.PART_OF,
                            unit,
                            self.v.sent[t.start],
                            "partOf.title-affiliation",
                            0.75,
                        )

    def _implied(self, obj: Group, role: str, t: Title) -> bool:
        """True when neither the object's name nor an alias is written in the title or as
        the affiliation (README C22); forms written in the title become aliases."""
        written = f" {norm(role)} "
        if t.affiliation is not None and self.res.group(t.affiliation) is obj:
            return False
        forms = {norm(t) for t in {self.res.text(c) for c in obj.cands}}
        forms |= {norm(x) for x in obj.extra_aliases}
        entry = self.r.lex.entries.get(obj.ref) if obj.ref else None
        if entry is not None:
            for f in entry.forms():
                nf = norm(f)
                if nf and f" {nf} " in written:
                    if nf not in forms:
                        obj.extra_aliases.append(f)
                    forms.add(nf)
        return not any(f and f" {f} " in written for f in forms)

    def _role_object(self, t: Title) -> tuple[Group | None, bool, str]:
        role = t.role
        kind = role.kind if role else "position"
        inner_orgs = [c for c in t.inner if c.type in ORG]
        inner_countries = [c for c in t.inner if c.type is ET.COUNTRY]
        if kind == "state":
            host_words = {"untuk", "di", "bagi", "ke", "pada"}
            for k in range(t.start, t.end):
                g = self.r.gaz_at(k)
                if g is not None and g[2] is ET.COUNTRY and self.v.lower[k - 1] not in host_words:
                    # a country named in a title is an entity of the article (README C4)
                    grp = self._implied_group(g[1])
                    if grp is not None:
                        return grp, False, "holdsRole.state"
            if t.affiliation is not None and t.affiliation.type is ET.COUNTRY:
                return self.res.group(t.affiliation), False, "holdsRole.state"
        derived = self._derived_unit(t)
        if derived is not None:
            return derived, True, "holdsRole.title-unit"
        if inner_orgs:
            unit = next((c for c in inner_orgs if c.rule == "title.unit"), None)
            best = unit or max(inner_orgs, key=lambda c: (c.end - c.start, c.start))
            return self.res.group(best), False, "holdsRole.title-org"
        regional = self._regional_government(t)
        if regional is not None:
            return regional, True, "holdsRole.regional"
        if t.affiliation is not None:
            return self.res.group(t.affiliation), False, "holdsRole.affiliation"
        if role is not None and role.implies:
            return self._implied_group(role.implies), True, "holdsRole.implied"
        if kind == "state" and inner_countries == [] and t.affiliation is None:
            return None, False, ""
        internal = self.r.lex.lists.get("ministry_titles", frozenset())
        if role is not None and not role.implies and role.title.lower() in internal:
            ministry = self._context_ministry()
            if ministry is not None:
                return ministry, True, "holdsRole.context"
        return None, False, ""

    def _derived_unit(self, t: Title) -> Group | None:
        """ "Direktur Sosial Budaya dan OINB" leads "Direktorat Sosial Budaya dan ...": find it.

        The unit may be written with its parent after it in the title ("Direktur
        Tindak Pidana Umum Bareskrim Polri" -> "Direktorat Tindak Pidana Umum").
        """
        v = self.v
        lex = self.r.lex
        # the longest title prefix with a unit ("Direktur" of a longer listed title)
        unit_word, body = None, t.head_end
        for k in range(t.head_end, t.start, -1):
            unit_word = lex.title_units.get(v.span_text(t.start, k).lower())
            if unit_word is not None:
                body = k
                break
        if unit_word is None or body >= t.end:
            return None
        for stop in range(t.end, body, -1):
            desc = v.span_text(body, stop)
            target = self.res.text_key(f"{unit_word} {desc}".strip())
            for g in self.res.groups:
                if g.type in ORG and any(
                    _same_or_placed(self.res.text_key(f), target)
                    for c in g.cands
                    for f in (self.res.text(c), *c.aliases)
                ):
                    return g
            if not unit_word:
                break
        return None

    def _regional_government(self, t: Title) -> Group | None:
        """ "Gubernur Nusa Tenggara Timur" -> "Pemerintah Provinsi Nusa Tenggara Timur" (C22)."""
        v = self.v
        head = v.span_text(t.start, t.head_end).lower()
        titles = self.r.lex.regional_titles
        body = titles.get(head) or (titles.get(t.role.title.lower()) if t.role else None)
        places = [c for c in t.inner if c.type is ET.PLACE]
        if body is None:
            return None
        if places:
            place_text = v.span_text(places[0].start, places[0].end)
        elif t.head_end < t.end:
            place_text = v.span_text(t.head_end, t.end)  # "Bupati Sikka", "Kepala Desa X"
        else:
            return None
        name = f"{body} {place_text}"
        target = self.res.text_key(name)
        for g in self.res.groups:
            if g.type is ET.GOVERNMENT_BODY and any(self.res.key(c) == target for c in g.cands):
                return g
        ref = self.r.lex.body_by_key().get(target)
        if ref is not None:
            return self._implied_group(ref)
        g = Group(ET.GOVERNMENT_BODY, None, implied_only=True, name_override=name)
        self.res.groups.append(g)
        return g

    def _implied_group(self, ref: str) -> Group | None:
        """The organisation a title implies: the most specific one the article has.

        "Direktur Jenderal Pembinaan Penempatan ..." implies the Ditjen; in an
        article that names only Kemnaker, the Ditjen's parent Kemnaker is the
        object (README section 5: "the most specific organisation of the article").
        """
        entries = self.r.lex.entries
        chain: list[str] = []
        cur: str | None = ref
        while cur and cur not in chain and cur in entries:
            chain.append(cur)
            cur = entries[cur].parent
        for rid in chain:
            g = self._group_for_entry(rid)
            if g is not None:
                return g
        entry = entries.get(ref)
        if entry is None:
            return None
        g = Group(entry.type, ref, implied_only=True, name_override=entry.name)
        self.res.groups.append(g)
        return g

    def _group_for_entry(self, rid: str) -> Group | None:
        entry = self.r.lex.entries[rid]
        forms = {norm(f) for f in entry.forms()}
        for g in self.res.groups:
            if g.ref == rid:
                return g
        for g in self.res.groups:
            if g.type in ORG and any(
                norm(_INNER_ACRONYM.sub(" ", self.res.text(c))) in forms for c in g.cands
            ):
                g.ref = g.ref or rid
                return g
        return None

    def _context_ministry(self) -> Group | None:
        """The ministry the story is about, for titles that name no organisation."""
        counts: dict[int, tuple[int, Group]] = {}
        heads = ("kementerian", "kemen", "kem")
        for g in self.res.groups:
            if g.type is not ET.GOVERNMENT_BODY:
                continue
            name = norm(self.res.text(g.cands[0])) if g.cands else ""
            entry = self.r.lex.entries.get(g.ref) if g.ref else None
            full = norm(entry.name) if entry else name
            if full.startswith(heads) or name.startswith(heads):
                counts[id(g)] = (len(g.cands), g)
        if not counts:
            return None
        return max(counts.values(), key=lambda x: (x[0], -x[1].first))[1]

    # partOf --------------------------------------------------------------

    def sub_units(self) -> None:
        entries = self.r.lex.entries
        for g in self.res.groups:
            entry = entries.get(g.ref) if g.ref else None
            if entry is None or not entry.parent or entry.parent not in entries:
                continue
            parent = self._group_for_entry(entry.parent)
            if parent is None or parent is g:
                continue
            pforms = {norm(f) for f in entries[entry.parent].forms()}
            for c in g.cands:
                text = f" {norm(self.res.text(c))} "
                if any(f and f" {f} " in text for f in pforms):
                    # the parent is written in the name itself: "Biro Humas Kemnaker"
                    self.add(g, P.PART_OF, parent, self.v.sent[c.start], "partOf.name", 0.8)
                    break
        for child, parent, rule in self.a.part_of:
            self.add(
                self.res.group(child),
                P.PART_OF,
                self.res.group(parent),
                self.v.sent[child.start],
                rule,
                0.85,
            )
        for i, e in self.cues("part_of"):
            child = self.before(i, ORG, limit=12)
            parent = self.after(e, ORG, limit=6)
            if child and parent:
                self.add(child.group, P.PART_OF, parent.group, self.v.sent[i], "partOf.cue", 0.7)

    # collaboratesWith ---------------------------------------------------------

    def collaborations(self) -> None:
        v = self.v
        for i, e in self.cues("collaborate"):
            subjects = self._collab_subjects(i)
            partners = self.list_after(e, ACTORS)
            for s in subjects:
                for o in partners:
                    self.add(
                        s.group, P.COLLABORATES_WITH, o.group, v.sent[i], "collaborates.cue", 0.85
                    )
        for i, e in self.cues("collaborate_between"):
            parts = self.list_after(e, ACTORS)
            for x in range(len(parts)):
                for y in range(x + 1, len(parts)):
                    self.add(
                        parts[x].group,
                        P.COLLABORATES_WITH,
                        parts[y].group,
                        v.sent[i],
                        "collaborates.between",
                        0.8,
                    )
        for i, e in self.cues("together"):
            left = self.before(i, ACTORS, limit=0)
            if left is None:
                continue
            partners = self.list_after(e, ACTORS)
            if partners and self._joint_verb_near(i):
                for o in partners:
                    self.add(
                        left.group,
                        P.COLLABORATES_WITH,
                        o.group,
                        v.sent[i],
                        "collaborates.together",
                        0.7,
                    )

    def _collab_subjects(self, i: int) -> list[Item]:
        """Who cooperates: the subject; a sub-unit written with its parent brings both (s02)."""
        subj = self.subjects_before(i, ACTORS)
        raw = self.before(i, ACTORS)
        if raw is not None and subj and raw.group is not subj[-1].group:
            subj.append(raw)
        return subj

    def _joint_verb_near(self, i: int) -> bool:
        v = self.v
        s0, s1 = v.sents[v.sent[i]]
        names = (
            "organize_active",
            "passive_organize",
            "passive_run",
            "found_program",
            "sign_active",
        )
        return any(self.cue_at(k, n) is not None for k in range(s0, s1) for n in names)

    # organizes ---------------------------------------------------------------

    def organizers(self) -> None:
        v = self.v
        for i, e in self.cues("organize_active"):
            event = self.after(e, frozenset({ET.EVENT}), limit=4)
            if event is None:
                continue
            subjects = self._organizer_subjects(i)
            for s in subjects:
                self.add(s.group, P.ORGANIZES, event.group, v.sent[i], "organizes.active", 0.85)
            # co-organisers named together work together ("Indonesia dan Australia menggelar"),
            # but partners after "X bekerja sama dengan A dan B" only with X (README C28)
            s0 = v.sent_start(i)
            partners = any(self.cue_at(k, "collaborate") for k in range(s0, i))
            joint = [] if partners else self.subjects_before(i, ACTORS)
            for x in range(len(joint)):
                for y in range(x + 1, len(joint)):
                    self.add(
                        joint[x].group,
                        P.COLLABORATES_WITH,
                        joint[y].group,
                        v.sent[i],
                        "collaborates.co-organisers",
                        0.7,
                    )
        for i, e in self.cues("passive_organize"):
            event = self._passive_subject(i, frozenset({ET.EVENT}))
            if event is None:
                continue
            agents = self._agents_after(e)
            for org in agents:
                self.add(org.group, P.ORGANIZES, event.group, v.sent[i], "organizes.passive", 0.85)
        # an organ holding its own session: "sidang ... Governing Body ILO"
        for it in self.items:
            if it.type is not ET.EVENT or not self._session_head(it.cand):
                continue
            inner = [
                x
                for x in self.by_sent.get(v.sent[it.cand.start], [])
                if x.type in ORG and it.cand.start < x.cand.start and x.cand.end <= it.cand.end
            ]
            if inner:
                first = min(inner, key=lambda x: x.cand.start)
                self.add(
                    first.group,
                    P.ORGANIZES,
                    it.group,
                    v.sent[it.cand.start],
                    "organizes.own-session",
                    0.75,
                )

    def _passive_subject(self, i: int, types: frozenset, limit: int = 10) -> Item | None:
        """What a passive verb at ``i`` says something about.

        After "yang" it is the entity right before the relative pronoun (a parenthetical
        acronym or a "di <place>" complement may sit between): "program Desmigratif
        yang digagas X" but not "program [another] yang digagas Y".
        """
        v = self.v
        if v.lower[i] == "yang" or (i > 0 and v.lower[i - 1] == "yang"):
            j = i if v.lower[i] == "yang" else i - 1
            if j > 0 and v.words[j - 1] == ",":
                j -= 1  # "X, yang dilaksanakan oleh ..."
            direct = self.before(j, types, limit=0)
            if direct is not None and direct.cand.end == j:
                return self._specific(direct)
            j = self._skip_paren(j)
            place = self.before(j, PLACES, limit=0)
            if place is not None and place.cand.start > 0 and v.lower[place.cand.start - 1] == "di":
                j = self._skip_paren(place.cand.start - 1)
            found = self.before(j, types, limit=0)
            return self._specific(found) if found is not None else None
        it = self.before(i, types, limit=limit)
        if it is None or self._clause_break(it.cand.end, i):
            return None
        return it

    def _agents_after(self, e: int) -> list[Item]:
        """The agents of a passive verb: "diselenggarakan (oleh) X bersama Y", "dijalankan
        Pemerintah Jepang" (the state), "ditandatangani Indonesia dan Jepang"."""
        v = self.v
        k = e
        if k < v.n and v.lower[k] == "oleh":
            k += 1
        if k < v.n and v.lower[k] == "pemerintah":
            k += 1
        agents = self.list_after(k, ACTORS)
        if agents:
            last = agents[-1].cand.end
            last = self._after_paren(last)
            if last < v.n and v.lower[last] in {"bersama", "beserta"}:
                agents += self.list_after(last + 1, ACTORS)
        return agents

    def _after_paren(self, k: int) -> int:
        v = self.v
        if k < v.n and v.words[k] == "(":
            close = k
            while close < v.n and close - k < 8 and v.words[close] != ")":
                close += 1
            if close < v.n and v.words[close] == ")":
                return close + 1
        return k

    def _session_head(self, c: Cand) -> bool:
        return self.v.lower[c.start] in self.r.lex.lists.get("session_heads", frozenset())

    def _organizer_subjects(self, i: int) -> list[Item]:
        """Who organises: the subject, and partners of "X bekerja sama dengan Y menggelar"."""
        v = self.v
        s0 = v.sent_start(i)
        out: list[Item] = []
        for k in range(s0, i):
            e = self.cue_at(k, "collaborate")
            if e is not None:
                subj = self.subjects_before(k, ACTORS)
                if subj:
                    out.append(self._specific(subj[-1]))
                out += self.list_after(e, ACTORS)
                return out
        return [self._specific(x) for x in self.subjects_before(i, ACTORS)]

    def _specific(self, it: Item) -> Item:
        """A parent written right after its sub-unit stands for the sub-unit as actor."""
        for child, parent, _ in self.a.part_of:
            if parent is it.cand and child.end == parent.start:
                g = self.res.group(child)
                if g is not None:
                    return Item(child, g)
        return it

    # runs ------------------------------------------------------------------

    def programs(self) -> None:
        v = self.v
        prog = frozenset({ET.PROGRAM})
        for i, e in self.cues("found_program"):
            p = self.after(e, prog, limit=3)
            if p is None:
                continue
            s = self.subjects_before(i, ACTORS)
            for x in s:
                self.add(x.group, P.RUNS, p.group, v.sent[i], "runs.active", 0.8)
        for i, e in self.cues("passive_run"):
            p = self._passive_subject(i, prog)
            if p is None:
                continue
            for x in self._agents_after(e):
                self.add(x.group, P.RUNS, p.group, v.sent[i], "runs.passive", 0.85)
        # "program bersama X yaitu P": X runs P
        for it in self.items:
            if it.type is not ET.PROGRAM:
                continue
            k = it.cand.start
            if k >= 1 and not v.words[k - 1][:1].isupper() and self.r.head_at(k - 1) is not None:
                k -= 1  # "yaitu program Tata Kelola ..."
            if k >= 2 and v.lower[k - 1] in {"yaitu", "yakni"}:
                owner = self.before(k - 1, ACTORS, limit=2)
                if owner is not None:
                    self.add(owner.group, P.RUNS, it.group, v.sent[k], "runs.joint-programme", 0.7)
        # "Program-program kami; A, B dan C" inside a quotation: the speaker's organisation
        for q in self.quotes:
            if q.speaker is None:
                continue
            org = self._speaker_org(q.speaker)
            if org is None:
                continue
            text = v.text[q.start : q.end].lower()
            if "program kami" not in text and "program-program kami" not in text:
                continue
            for it in self.items:
                if it.type is ET.PROGRAM and q.start <= v.idx[it.cand.start] < q.end:
                    self.add(org, P.RUNS, it.group, v.sent[it.cand.start], "runs.speaker-org", 0.65)

    def _speaker_org(self, person: Cand) -> Group | None:
        g = self.res.group(person)
        if g is None:
            return None
        for rel in self.about(g):
            if rel.p is P.HOLDS_ROLE and rel.s is g:
                return rel.o
        return None

    # adopted ---------------------------------------------------------------

    def adoptions(self) -> None:
        v = self.v
        agr = frozenset({ET.AGREEMENT})
        fillers = self.r.lex.lists.get("agent_fillers", frozenset())
        for i, e in self.cues("passive_adopt"):
            a = self._passive_subject(i, agr, limit=3)
            if a is None:
                continue
            k = e + 1 if e < v.n and v.lower[e] == "oleh" else e
            while k < v.n and v.lower[k] in fillers:
                k += 1
            agent = self.after(k, ACTORS, limit=0)
            if agent is not None:
                self.add(agent.group, P.ADOPTED, a.group, v.sent[i], "adopted.passive", 0.8)
        for i, e in self.cues("adopt_active"):
            a = self.after(e, agr, limit=3)
            if a is None:
                continue
            s = self.subjects_before(i, ACTORS)
            if s and i - s[-1].cand.end <= 12:
                self.add(s[-1].group, P.ADOPTED, a.group, v.sent[i], "adopted.active", 0.8)

    # signs / partyTo ---------------------------------------------------------

    def signatures(self) -> None:
        v = self.v
        agr = frozenset({ET.AGREEMENT})
        signers_all: list[tuple[Item, Item, int]] = []
        for i, e in self.cues("passive_sign"):
            a = self._passive_subject(i, agr, limit=3)
            if a is None:
                continue
            k = e + 1 if e < v.n and v.lower[e] == "oleh" else e
            for s in self._signers(k):
                signers_all.append((s, a, v.sent[i]))
        for i, e in self.cues("sign_active"):
            if v.lower[i] == "penandatanganan":
                continue
            a = self.after(e, agr, limit=3)
            if a is None:
                continue
            signers = self.subjects_before(i, frozenset({ET.PERSON, *ACTORS}))
            for s in signers or self._both_before(i):
                signers_all.append((s, a, v.sent[i]))
        for s, a, sent in signers_all:
            self.add(s.group, P.SIGNS, a.group, sent, "signs.cue", 0.85)
            party = self._signer_party(s)
            if party is not None:
                self.add(party, P.PARTY_TO, a.group, sent, "partyTo.signer", 0.7)
        for i, e in self.cues("commit"):
            targets = self.list_after(e, agr) or (
                [self.after(e, agr, limit=3)] if self.after(e, agr, limit=3) else []
            )
            if not targets:
                continue
            s = self.before(i, ACTORS, limit=12)
            if s is None:
                continue
            for t in targets:
                self.add(s.group, P.PARTY_TO, t.group, v.sent[i], "partyTo.commit", 0.75)

    def _both_before(self, i: int) -> list[Item]:
        """ "kedua instansi menandatangani ..." / "keduanya ...": the two bodies or states
        the text named last, in this sentence or the one before."""
        v = self.v
        s0 = v.sent_start(i)
        k = i - 1
        while k >= s0 and v.space[k]:
            k -= 1
        both = k >= s0 and (
            v.lower[k] == "keduanya"
            or (k - 1 >= s0 and v.lower[k - 1] == "kedua" and v.words[k].islower())
        )
        if not both:
            return []
        lo = v.sent_start(s0 - 1) if s0 > 0 else s0
        found: list[Item] = []
        for it in sorted(self.items, key=lambda it: -it.cand.start):
            c = it.cand
            if lo <= c.start < k - 1 and it.type in ACTORS and not c.nested:
                if all(x.group is not it.group for x in found):
                    found.append(it)
                if len(found) == 2:
                    return found
        return []

    def _signers(self, k: int) -> list[Item]:
        """People (or bodies) named after "ditandatangani oleh": "A dan B", titles allowed."""
        v = self.v
        stop = v.sent_end(k)
        people = [it for it in self.items if k <= it.cand.start < stop and it.type is ET.PERSON]
        if people:
            return people
        return self._agents_after(k)

    def _signer_party(self, signer: Item) -> Group | None:
        if signer.type in ACTORS:
            return signer.group
        org = self._speaker_org(signer.cand)
        if org is None:
            return None
        # an office signs for its organisation when that organisation is the story's partner
        for rel in self.about(org):
            if rel.p is P.PART_OF and rel.s is org:
                parent = rel.o
                if any(x.p is P.COLLABORATES_WITH for x in self.about(parent)):
                    return parent
        return org

    # memberOf --------------------------------------------------------------

    def memberships(self) -> None:
        v = self.v
        io = frozenset({ET.INTERNATIONAL_ORGANIZATION})
        agr = frozenset({ET.AGREEMENT})
        for i, e in self.cues("has_members"):
            body = self.before(i, io, limit=3)
            if body is None:
                continue
            for it in self.list_after(e, ACTORS):
                if it.group is not body.group:
                    self.add(
                        it.group, P.MEMBER_OF, body.group, v.sent[i], "memberOf.has-members", 0.75
                    )
        for i, e in self.cues("member"):
            word = v.lower[i]
            if word == "peran":
                member = self.after(e, ACTORS, limit=1)
                if member is None or v.lower[member.cand.end] != "dalam":
                    continue
                body = self.after(member.cand.end + 1, io, limit=0)
                if body is not None:
                    self.add(
                        member.group, P.MEMBER_OF, body.group, v.sent[i], "memberOf.role-in", 0.6
                    )
                continue
            members = self._members_before(i)
            member = members[-1] if members else None
            target = self.after(e, io | agr, limit=1)
            if member is None and target is not None:
                # "Sebagai negara anggota ASEAN ..., Indonesia berkomitmen": the subject follows
                for k in range(target.cand.end, v.sent_end(i)):
                    if v.words[k] == ",":
                        member = self.after(k + 1, ACTORS, limit=0)
                        if member is not None:
                            break
            if member is None:
                continue
            if target is None:
                # "Y ... yang terdiri dari 56 negara, dimana X menjabat sebagai deputy member"
                ios = [x for x in self.sent_items(v.sent[i], io) if x.cand.end <= member.cand.start]
                target = ios[0] if ios else None
            if target is None or target.group is member.group:
                continue
            for m in members or [member]:
                if m.group is target.group:
                    continue
                if target.type is ET.AGREEMENT:
                    self.add(m.group, P.PARTY_TO, target.group, v.sent[i], "partyTo.member", 0.75)
                else:
                    self.add(m.group, P.MEMBER_OF, target.group, v.sent[i], "memberOf.cue", 0.75)

    def _members_before(self, i: int) -> list[Item]:
        """ "Indonesia dan Australia, dua dari 45 negara anggota ...": the coordinated members."""
        v = self.v
        k = i
        # skip an apposition of numbers and small words back to the comma after the members
        while (
            k > v.sent_start(i)
            and k > i - 8
            and v.words[k - 1] != ","
            and not self.before(k, ACTORS, limit=0)
        ):
            k -= 1
        if k > 0 and v.words[k - 1] == ",":
            k -= 1
        first = self.before(k, ACTORS, limit=0)
        if first is None:
            near = self.before(i, ACTORS, limit=4)
            return [near] if near is not None else []
        out = [first]
        j = first.cand.start
        while j >= 2 and v.lower[j - 1] in {"dan", "serta", ","}:
            prev = self.before(j - 1, ACTORS, limit=1)
            if prev is None:
                break
            out.insert(0, prev)
            j = prev.cand.start
        return out

    # locatedIn ---------------------------------------------------------------

    def locations(self) -> None:
        v = self.v
        chain_only = self.r.lex.lists.get("place_chain_words", frozenset({"dari"}))
        for i in range(v.n - 1):
            if v.lower[i] != "di" and v.lower[i] not in chain_only:
                continue
            places = self.list_after(i + 1, PLACES)
            if v.lower[i] != "di":
                # "dipulangkan dari Sibu, Sarawak, Malaysia", "asal Blitar, Jawa Timur",
                # "melalui Myawaddy, Myanmar": only the chain, no subject
                for x, y in itertools.pairwise(places):
                    if self._chained(x, y):
                        self.add(x.group, P.LOCATED_IN, y.group, v.sent[i], "locatedIn.chain", 0.75)
                continue
            if not places:
                continue
            subject = self._located_subject(i)
            if subject is not None:
                # "E di V1, V2, K": E -> V1 only; the chain gives V1 -> V2 -> K (README C30)
                chain = self._comma_chain(places)
                if chain:
                    self.add(
                        subject.group, P.LOCATED_IN, places[0].group, v.sent[i], "locatedIn.di", 0.8
                    )
                else:
                    for p in places:
                        self.add(
                            subject.group,
                            P.LOCATED_IN,
                            p.group,
                            v.sent[i],
                            "locatedIn.di-list",
                            0.75,
                        )
            for x, y in itertools.pairwise(places):
                if self._chained(x, y):
                    self.add(x.group, P.LOCATED_IN, y.group, v.sent[i], "locatedIn.chain", 0.8)
        # enumerations: "kabupaten di NTT, yakni A, B dan C" -> A, B, C in NTT
        for cand, enum_tok in self.a.enumerated:
            g = self.res.group(cand)
            s0 = v.sent_start(enum_tok)
            region = None
            for j in range(enum_tok - 1, s0, -1):
                if v.lower[j] == "di":
                    region = self.after(j + 1, PLACES, limit=0)
                    break
            if g is not None and region is not None and region.group is not g:
                self.add(
                    g, P.LOCATED_IN, region.group, v.sent[cand.start], "locatedIn.enumeration", 0.8
                )

        # "X yang berkedudukan di P": where X is
        for i, e in self.cues("located_at"):
            place = self.after(e, PLACES, limit=0)
            subject = self._passive_subject(i, LOCATABLE, limit=2)
            if place is not None and subject is not None and subject.group is not place.group:
                self.add(subject.group, P.LOCATED_IN, place.group, v.sent[i], "locatedIn.seat", 0.8)
        # "A dan B dipilih karena kedua daerah ini ... di X": the places the anaphor refers to
        groups = self.r.lex.lists.get("place_group_nouns", frozenset())
        dem = self.r.lex.lists.get("demonstratives", frozenset())
        for i in range(1, v.n - 1):
            if v.lower[i] in groups and v.lower[i + 1] in dem:
                s0, s1 = v.sents[v.sent[i]]
                antecedents = [
                    x for x in self.sent_items(v.sent[i], frozenset({ET.PLACE})) if x.cand.end <= i
                ]
                for k in range(i + 2, s1 - 1):
                    if v.lower[k] == "di":
                        target = self.after(k + 1, PLACES, limit=0)
                        if target is not None:
                            for x in antecedents:
                                if x.group is not target.group:
                                    self.add(
                                        x.group,
                                        P.LOCATED_IN,
                                        target.group,
                                        v.sent[i],
                                        "locatedIn.anaphor",
                                        0.65,
                                    )
                        break

    def _comma_chain(self, places: list[Item]) -> bool:
        return len(places) >= 2 and self._chained(places[0], places[1])

    def _chained(self, x: Item, y: Item) -> bool:
        """ "Jenewa, Swiss" / "Hotel Bidakara, Jakarta": the second place contains the first.

        A comma list of peers ("di Jakarta, Surabaya, dan Medan") is no chain: a
        chain ends after two items, or the gazetteer says the second contains the first.
        """
        v = self.v
        between = v.words[x.cand.end : y.cand.start]
        if between[:1] == ["("] and len(between) == 4 and between[2] == ")":
            between = between[3:]  # "Putrajaya International Convention Centre (PICC), Putrajaya"
        if between != [","] or x.group is y.group:
            return False
        if y.type is ET.COUNTRY or x.cand.rule == "place.venue":
            return True
        entries = self.r.lex.entries
        ex = entries.get(x.group.ref) if x.group.ref else None
        if ex is not None and y.group.ref and y.group.ref in (ex.parent, ex.country):
            return True
        k = y.cand.end
        if k < v.n and v.words[k] == "(":
            return False
        nxt = v.words[k : k + 2]
        return not (nxt and (nxt[0] in {"dan", "serta"} or nxt[:2] == [",", "dan"]))

    def _located_subject(self, i: int) -> Item | None:
        """What "di P" places: the event of the clause, else the entity right before "di"."""
        ev = self.before(i, frozenset({ET.EVENT}), limit=12)
        if ev is not None and not self._clause_break(ev.cand.end, i):
            return ev
        prev = self.before(i, LOCATABLE, limit=0)
        if prev is not None and prev.type in (ET.PLACE,):
            return prev
        if prev is not None and prev.type is ET.EVENT:
            return prev
        return None

    def _clause_break(self, a: int, b: int) -> bool:
        v = self.v
        return any(v.words[k] in {".", ";", ":"} for k in range(a, b))

    # participatesIn ------------------------------------------------------------

    def participations(self) -> None:
        v = self.v
        events = [g for g in self.res.groups if g.type is ET.EVENT]
        if not events:
            return
        main = min(events, key=lambda g: g.first)  # the lead names the story's event
        ev_types = frozenset({ET.EVENT})
        person_t = frozenset({ET.PERSON})
        # attend verbs: "X menghadiri E", "usai menyaksikan E", "di depan sidang E"
        heads = self._event_heads(events)
        for i, e in self.cues("attend"):
            ev = self.after(e, ev_types, limit=3)
            # "saat menutup webinar": the event named again by its head noun alone
            named = ev.group if ev is not None else heads.get(v.lower[e]) if e < v.n else None
            if named is None:
                continue
            who = self.before(i, frozenset({ET.PERSON, *ACTORS}), limit=25)
            if who is not None:
                actor = self._title_holder(who) or who.group
                self.add(actor, P.PARTICIPATES_IN, named, v.sent[i], "participates.attend", 0.8)
            if ev is None:
                continue
            elif v.lower[i] in {"turut", "menyaksikan"}:
                for p in self.sent_items(v.sent[i], person_t):
                    self.add(
                        p.group,
                        P.PARTICIPATES_IN,
                        ev.group,
                        v.sent[i],
                        "participates.witness",
                        0.75,
                    )
        # "Turut menyaksikan adalah X": witnesses of the story's event
        for i, _e in self.cues("attend"):
            if v.lower[i] == "turut" or (v.lower[i] == "menyaksikan" and v.first_in_sentence(i)):
                for p in self.sent_items(v.sent[i], person_t):
                    self.add(
                        p.group, P.PARTICIPATES_IN, main, v.sent[i], "participates.witness", 0.75
                    )
        # scene markers: "X dalam sambutannya", "... dalam acara tersebut"
        for i, e in self.cues("scene_markers"):
            s = v.sent[i]
            people = self.sent_items(s, person_t)
            scene = self._scene_event(i, main)
            for p in people[:1] if people else []:
                self.add(p.group, P.PARTICIPATES_IN, scene, s, "participates.scene", 0.75)
            if not people and v.first_in_sentence(i):
                # "Dalam pertemuan itu, Indonesia dan Filipina mengajukan ...": the actors
                k = e + 1 if e < v.n and v.words[e] == "," else e
                for it in self.list_after(k, ACTORS):
                    self.add(it.group, P.PARTICIPATES_IN, scene, s, "participates.scene-actor", 0.7)
        # "Sementara itu, di Semarang, X ...": X speaks at the main event's venue (README C24)
        venues = {id(rel.o) for rel in self.rels if rel.s is main and rel.p is P.LOCATED_IN}
        for s, (s0, s1) in enumerate(v.sents):
            for k in range(s0, min(s1, s0 + 6)):
                if v.lower[k] == "di":
                    place = self.after(k + 1, PLACES, limit=0)
                    if place is not None and id(place.group) in venues:
                        people = [
                            x for x in self.sent_items(s, person_t) if x.cand.start > place.cand.end
                        ]
                        if people:
                            self.add(
                                people[0].group,
                                P.PARTICIPATES_IN,
                                main,
                                s,
                                "participates.venue",
                                0.7,
                            )
                    break
        # "E juga dihadiri perwakilan A, B, dan C": the listed bodies and people take part
        roles_words = self.r.lex.lists.get("source_markers", frozenset()) | {"pengurus", "para"}
        for i, e in self.cues("passive_attend"):
            ev = self.before(i, frozenset({ET.EVENT}), limit=6)
            target = ev.group if ev is not None else main
            k = e + 1 if e < v.n and v.lower[e] == "oleh" else e
            fillers = self.r.lex.lists.get("attendee_fillers", frozenset())
            while (
                k < v.n
                and k - e < 8
                and k not in self._title_at  # "Wakil Gubernur X Asep": a title, not "wakil"
                and (
                    v.lower[k] in roles_words
                    or v.lower[k] in fillers
                    or v.words[k] == ","
                    or self.r.honorific(k)  # "yaitu Dr. Anindya"
                )
            ):
                k += 1
            for it in self.list_after(k, frozenset({ET.PERSON, *ACTORS})):
                self.add(
                    it.group, P.PARTICIPATES_IN, target, v.sent[i], "participates.attended-by", 0.75
                )
        # "Hadir dalam acara tersebut A, B, perwakilan C": attendees after the phrase
        for i, e in self.cues("attend_inverted"):
            if not v.first_in_sentence(i):
                continue
            ev = self.after(e, frozenset({ET.EVENT}), limit=2)
            # "Tampak hadir A, B dan C." names no event: the scene's event
            target = ev.group if ev is not None else self._scene_event(i, main)
            k = ev.cand.end if ev is not None else e
            s1 = v.sent_end(i)
            for it in self.items:
                c = it.cand
                if (
                    k <= c.start < s1
                    and it.type in (ET.PERSON, *ACTORS)
                    and not c.nested
                    and not c.rule.startswith("title.")  # "Kepala BP3MI": the person attends
                ):
                    self.add(
                        it.group,
                        P.PARTICIPATES_IN,
                        target,
                        v.sent[i],
                        "participates.present",
                        0.7,
                    )
        # "A, B dan C turut hadir sebagai mitra": the list that opens the sentence
        for i, e in self.cues("present_after"):
            if v.first_in_sentence(i) or self.after(e, ev_types, limit=2) is not None:
                continue
            listed = self.list_after(v.sent_start(i), frozenset({ET.PERSON, *ACTORS}))
            if listed and i - listed[-1].cand.end <= 4:
                scene = self._scene_event(i, main)
                for it in listed:
                    self.add(
                        it.group,
                        P.PARTICIPATES_IN,
                        scene,
                        v.sent[i],
                        "participates.present-after",
                        0.7,
                    )
        # "X ... dalam/pada <event>" in one clause: X speaks or acts at the event
        for it in self.items:
            if it.type is not ET.EVENT:
                continue
            k = it.cand.start
            if k == 0 or v.lower[k - 1] not in {"dalam", "pada"}:
                continue
            if "akan" in v.lower[v.sent_start(k) : k]:
                continue  # a meeting still to come gives no participation (README C11)
            people = [x for x in self.sent_items(v.sent[k], person_t) if x.cand.end <= k]
            if people:
                self.add(
                    people[-1].group,
                    P.PARTICIPATES_IN,
                    it.group,
                    v.sent[k],
                    "participates.in-event",
                    0.7,
                )
        # "Narasumber kegiatan adalah ... di A, B dan C" / "peserta ... dari A, B"
        for i, e in self.cues("speakers_of"):
            s0, s1 = v.sents[v.sent[i]]
            markers = self.r.lex.lists.get("source_markers", frozenset())
            for k in range(e, min(s1, e + 12)):  # "narasumber dari A, B" / "peserta dari A"
                if v.lower[k] == "dipimpin":  # "delegasi ... dipimpin oleh <title>, X"
                    lead = self.after(k + 1, person_t, limit=12)
                    if lead is not None:
                        self.add(
                            lead.group, P.PARTICIPATES_IN, main, v.sent[i], "participates.lead", 0.7
                        )
                    break
                if _VERB_LIKE.match(v.lower[k]) and v.lower[k] not in {
                    "terdiri",
                    "berasal",
                    "beranggotakan",
                }:
                    break  # "peserta, Rohani, mengaku pernah bekerja di Arab Saudi": another clause
                if v.lower[k] in markers:
                    listed = self.list_after(k + 1, ACTORS)
                    for it in listed:
                        self.add(
                            it.group,
                            P.PARTICIPATES_IN,
                            main,
                            v.sent[i],
                            "participates.listed",
                            0.75,
                        )
                    if listed:
                        break
        # signers at a signing event
        for rel in list(self.rels):
            if rel.p is P.SIGNS and rel.s.type is ET.PERSON:
                sign_ev = next((g for g in events if g is main), None)
                if sign_ev is not None:
                    self.add(
                        rel.s, P.PARTICIPATES_IN, sign_ev, rel.sent, "participates.signer", 0.7
                    )
        self._country_participation(main)

    def _title_holder(self, it: Item) -> Group | None:
        """The person whose title names ``it`` ("Siti, Kepala Dinas X, saat membuka ..."):
        the body in a title is the person's affiliation, not the one acting."""
        if it.type is ET.PERSON:
            return None
        c = it.cand
        for t in self.a.titles:
            if t.person is not None and t.start <= c.start and c.end <= t.end:
                return self.res.of.get(id(t.person))
        return None

    def _event_heads(self, events: list[Group]) -> dict[str, Group]:
        """Head noun -> event, for heads only one event of the article has ("webinar")."""
        seen: dict[str, list[Group]] = {}
        for g in events:
            for c in g.cands:
                words = self.res.text(c).split()
                if words and g not in seen.setdefault(words[0].lower(), []):
                    seen[words[0].lower()].append(g)
        return {w: gs[0] for w, gs in seen.items() if len(gs) == 1}

    def _scene_event(self, i: int, main: Group) -> Group:
        ev = self.before(i, frozenset({ET.EVENT}), limit=60)
        return ev.group if ev is not None else main

    def _country_participation(self, main: Group) -> None:
        """A state takes part when its official attends an international event (README C25)."""
        international: dict[int, bool] = {}
        found: list[tuple[Group, Group, int]] = []
        for rel in self.rels:
            if rel.p is not P.PARTICIPATES_IN or rel.s.type is not ET.PERSON:
                continue
            if id(rel.o) not in international:
                international[id(rel.o)] = self._international(rel.o)
            if not international[id(rel.o)]:
                continue
            country = self._person_country(rel.s)
            if country is not None:
                found.append((country, rel.o, rel.sent))
        for country, event, sent in found:
            self.add(country, P.PARTICIPATES_IN, event, sent, "participates.country-delegate", 0.65)

    def _international(self, event: Group) -> bool:
        """Held abroad, or (when the text gives no place) named as an international meeting."""
        countries = set()
        for rel in self.about(event):
            if rel.s is event and rel.p is P.LOCATED_IN:
                countries.add(self._country_ref(rel.o) or "?")
            if (
                rel.o is event
                and rel.p in (P.ORGANIZES, P.PARTICIPATES_IN)
                and rel.s.type is ET.COUNTRY
                and rel.s.ref != self._home()
            ):
                return True  # a foreign state organises or attends it
        if countries - {"?", self._home()}:
            return True
        if countries & {self._home()}:
            return False
        words: list[str] = []
        for c in event.cands:
            for w in norm(self.res.text(c)).split():
                if w in {"tentang", "mengenai"}:
                    break  # the topic is not the meeting ("lokakarya tentang Global Compact")
                words.append(w)
        return any(
            w in words for w in ("internasional", "international", "global", "asean", "regional")
        )

    def _home(self) -> str:
        return "indonesia"

    def _country_ref(self, g: Group) -> str | None:
        if g.type is ET.COUNTRY:
            return g.ref
        entry = self.r.lex.entries.get(g.ref) if g.ref else None
        if entry is not None and entry.country:
            return entry.country
        for rel in self.about(g):
            if rel.s is g and rel.p is P.LOCATED_IN and rel.o.type is ET.COUNTRY:
                return rel.o.ref
        return None

    def _person_country(self, person: Group) -> Group | None:
        for rel in self.about(person):
            if rel.s is person and rel.p is P.HOLDS_ROLE:
                if rel.o.type is ET.COUNTRY:
                    return rel.o
                if rel.o.type is ET.GOVERNMENT_BODY:
                    entry = self.r.lex.entries.get(rel.o.ref) if rel.o.ref else None
                    ref = entry.country if entry and entry.country else self._home()
                    for g in self.res.groups:
                        if g.type is ET.COUNTRY and g.ref == ref:
                            return g
        return None
