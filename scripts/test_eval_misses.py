#!/usr/bin/env python3
"""Tests of eval_misses.py's reading of `flashpoint explain` traces, on an invented trace
(python3 scripts/test_eval_misses.py; stdlib only, needs no gold data)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval_misses as em  # noqa: E402

TRACE = """\
[0] Freedonian gunboats shelled the harbour of Sylvania on Monday.
    |    0 freedonian       freedonian     JJ amod <- gunboats
    |    1 gunboats         gunboat        NNS nsubj <- shelled
    actor "Freedonian gunboats" Agent Some("FRDMIL") None
    trigger "shelled" = 195 v "shell"
      rank: main clause
      sources (tree roles): FRDMIL «Freedonian gunboats»
      candidate FRDMIL -> SYL 195
    EVENT FRDMIL -> SYL 195 «shelled» Asserted
[1] The council may "impose sanctions" later, and a minister met reporters.
    trigger ""impose sanctions"" = 163 v "impose * sanctions"
      code 163, hypothetical: governed (hypothetical)
      DROPPED: hypothetical or conditional
    trigger "met reporters" = 040 v "meet * reporters"
      rank: main clause
      sources (tree roles): 
      DROPPED: no coded party does it
[2] Sylvania will send envoys to the talks, officials said.
    trigger "send envoys" = 042 v "send * envoys"
      governed by "will" (intent)
      code 036, intended: governed (intent)
      candidate SYLGOV -> FRD 036
    trigger "talks" = 040 n "talks"
      rank: nominal
      candidate SYLGOV -> - 040
    removed SYLGOV -> - 040 «talks»: aimed at no one named (undirected)
    EVENT SYLGOV -> FRD 036 «send envoys» Intended
[3] It rained all day.
"""


class ParseTrace(unittest.TestCase):
    def setUp(self):
        self.sents = em.parse_trace(TRACE)

    def test_sentences_and_parts(self):
        self.assertEqual([s["index"] for s in self.sents], [0, 1, 2, 3])
        first = self.sents[0]
        self.assertEqual([(t["words"], t["code"], t["pos"]) for t in first["triggers"]], [("shelled", "195", "v")])
        self.assertEqual(first["events"][0]["modality"], "Asserted")
        self.assertEqual(self.sents[3]["triggers"], [])

    def test_quoted_words_drops_and_recodes(self):
        impose, meet = self.sents[1]["triggers"]
        self.assertEqual(impose["words"], '"impose sanctions"')
        self.assertEqual(impose["dropped"], "hypothetical or conditional")
        self.assertEqual(meet["dropped"], "no coded party does it")
        send, talks = self.sents[2]["triggers"]
        self.assertEqual((send["recode"]["code"], send["recode"]["modality"]), ("036", "intended"))
        self.assertEqual(self.sents[2]["removed"][0]["words"], "talks")

    def test_find_sentence(self):
        self.assertEqual(em.find_sentence(self.sents, "envoys to the talks")["index"], 2)
        self.assertIsNone(em.find_sentence(self.sents, "no such words"))


class ExplainMiss(unittest.TestCase):
    def setUp(self):
        self.sents = em.parse_trace(TRACE)

    def kind(self, why, roots, index):
        return em.explain_miss(why, {"roots": roots}, self.sents[index])[:2]

    def test_no_trigger(self):
        self.assertEqual(self.kind("nothing coded", ["19"], 3), ("trigger not found", None))
        self.assertEqual(em.explain_miss("nothing coded", {"roots": ["19"]}, None)[0], "sentence not in trace")

    def test_modality_before_other_drops(self):
        self.assertEqual(self.kind("nothing coded", ["16", "04"], 1), ("modality", "hypothetical or conditional"))

    def test_drop_of_the_accepted_root_decides(self):
        self.assertEqual(self.kind("nothing coded", ["04"], 1), ("not assembled", "no coded party does it"))

    def test_wrong_root_by_recoding_or_removal(self):
        self.assertEqual(self.kind("wrong root", ["04"], 2)[0], "modality")
        self.assertEqual(self.kind("wrong root", ["04"], 2)[1], "recoded intended: governed (intent)")
        self.assertEqual(self.kind("wrong root", ["19"], 2), ("trigger not found", None))

    def test_removed_candidate(self):
        sent = dict(self.sents[2], triggers=self.sents[2]["triggers"][1:])
        kind, why, line, rooted = em.explain_miss("wrong root", {"roots": ["04"]}, sent)
        self.assertEqual((kind, why, rooted), ("not assembled", "removed: aimed at no one named (undirected)", True))
        self.assertTrue(line.startswith("removed SYLGOV"))


if __name__ == "__main__":
    unittest.main()
