"""The resident's application as a service: drafts, answers saved page by page, resume, engine facts, submission.

No request objects here: the intake views parse a form, call one function of these modules and render or redirect, so
every rule of the journey (which question comes next, what counts as answered, what is submitted) is testable without
a browser. Answers live in `Application.answers` (JSON) and in `Conviction` rows; the few typed columns beside them are
what staff search and what retention and resume need.

Nothing is re-exported here; import from the module that holds the name:

- `tokens`: reference codes, resume tokens, finding an application by token, session or code, resume links and the
  e-mails that carry one.
- `journey`: the steps (`Step`, `StepRef`, `STEPS`, `CHECK`), when each applies, and the walk through them
  (`journey`, `first_unanswered`, `next_step`, `previous_step`, `progress`).
- `answers`: parsing and saving a page's answers, adding and removing convictions, county lists.
- `facts`: what the eligibility engine and the petition packet read (`person_facts`, `conviction_facts`,
  `screen_application`, ...).
- `lifecycle`: creating a draft, its language and retention deadline, referrals, deleting and withdrawing.
- `submission`: `submit`.

Layers: `tokens` and `journey` at the bottom, `facts` on `journey`, `answers` on those, `submission` on top.
`lifecycle` needs only `tokens`. Nothing here imports app.packets: the packet reads `facts`, not the other way round.
"""
