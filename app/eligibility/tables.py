"""The statute lists the rules consult, as data.

Sources are those of docs/law.md section 10 and Code for America's earlier California tools
(rap-sheet-assistant ``constants.rb``, gogen ``code_section_matchers.go``). The statutes are
the authority; where a list rests on memory rather than re-read text it is marked ``[M]``.
"""

from __future__ import annotations

from datetime import date

from app.eligibility.statutes import StatuteList

# --- Key dates ----------------------------------------------------------------------------
PROP64_EFFECTIVE = date(2016, 11, 9)  # law.md s.10: convictions after this date were under the new law
PROP47_EFFECTIVE = date(2014, 11, 5)
PROP47_DEADLINE = date(2022, 11, 4)  # [M] unverified: PC 1170.18(j) as extended by AB 1397 (2016)
REALIGNMENT_EFFECTIVE = date(2011, 10, 1)  # PC 1170(h) county-jail felonies; PC 1203.42 covers earlier prison terms
SB731_OPERATIVE = date(2023, 7, 1)  # PC 1203.41(a) extended to state prison; PC 1203.425 felony clause
# PC 1203.425 automatic relief. AB 1076 (Stats. 2019, ch. 578), operative 2022-07-01, for convictions on or after
# 2021-01-01; SB 731 (Stats. 2022, ch. 814), operative 2023-07-01, back to convictions on or after 1973-01-01, and
# adds felonies (other than serious, violent or PC 290 ones) convicted on or after 2005-01-01, four years after the
# sentence with no new felony.
PC1203_425_OPERATIVE = date(2022, 7, 1)
PC1203_425_AB1076_FIRST_CONVICTION = date(2021, 1, 1)
PC1203_425_EARLIEST_CONVICTION = date(1973, 1, 1)
PC1203_425_FELONY_FIRST_CONVICTION = date(2005, 1, 1)
HS11361_9_DOJ_REVIEW = date(2019, 7, 1)  # AB 1793: DOJ identified eligible Prop 64 convictions by this date

# --- Super strikes, PC 667(e)(2)(C)(iv) -----------------------------------------------------
# The clause names kinds of offense, not whole sections: (I) a "sexually violent offense" of WIC 6600(b) (the listed
# sex sections when committed by force, violence, duress, menace or fear, and PC 207, 209 or 220 with intent to commit
# one), (II) oral copulation, sodomy or penetration of a child under 14 more than 10 years younger, (III) PC 288 with a
# child under 14, (IV) homicide and attempted homicide (PC 187-191.5), (V) solicitation of murder "as defined in
# Section 653f" (that is 653f(b)), (VI) PC 245(d)(3), (VII) PC 11418(a)(1), (VIII) any serious or violent felony
# punishable by life or death. Entries below are the subdivisions that are always one of these; a section cited
# without its subdivision matches only possibly (StatuteList MAYBE), which the rules answer with needs_review.
SUPER_STRIKES = StatuteList(
    "super strikes",
    (
        "PC 37", "PC 128", "PC 187", "PC 188", "PC 189", "PC 190", "PC 191.5", "PC 205",
        "PC 209", "PC 209.5", "PC 217.1(b)", "PC 218", "PC 219", "PC 220(b)", "PC 245(d)(3)",
        "PC 261(a)(2)", "PC 261(a)(6)", "PC 262(a)(1)", "PC 264.1", "PC 269", "PC 273ab",
        "PC 286(c)(1)", "PC 286(c)(2)", "PC 286(c)(3)", "PC 286(d)", "PC 287(c)(1)", "PC 287(c)(2)", "PC 287(c)(3)",
        "PC 287(d)", "PC 288(a)", "PC 288(b)(1)", "PC 288(b)(2)", "PC 288a(c)", "PC 288a(d)", "PC 288.5",
        "PC 289(a)(1)", "PC 289(a)(2)(c)", "PC 289(j)", "PC 451.5", "PC 653f(b)", "PC 667.61", "PC 667.7",
        "PC 667.71", "PC 4500", "PC 11418(a)(1)", "PC 11418(b)", "PC 12308", "PC 12310", "PC 18745", "PC 18755",
    ),
)
# Super strikes in some forms only, which the section and subdivision cannot show: PC 207 and 220(a) when committed
# with intent to commit a listed sex offense (WIC 6600(b)); the other forms of PC 261 and 262 when committed by
# menace, duress or fear (WIC 6600(b)); and PC 136.1, 213(a)(1)(A), 215, 246, 519 and 12022.55 with the gang
# enhancement PC 186.22(b)(4), which makes them punishable by life (clause (VIII)). Always MAYBE, never a refusal.
SUPER_STRIKES_IN_SOME_FORMS = StatuteList(
    "super strikes in some forms",
    (
        "PC 207", "PC 220(a)", "PC 261", "PC 262", "PC 136.1", "PC 213(a)(1)(a)", "PC 215", "PC 246", "PC 519",
        "PC 12022.55",
    ),
)

# --- Offenses requiring PC 290 registration, PC 290(c)(1) ---------------------------------------------------------
# From the text of 290(c)(1) (jurris.com copy of PC 290; current numbering after AB 1171 and SB 145 from leginfo
# summaries): entries are the offenses that always require registration.
PC290_OFFENSES = StatuteList(
    "PC 290 registration offenses",
    (
        "PC 220(b)", "PC 236.1(b)", "PC 236.1(c)", "PC 243.4", "PC 261(a)(1)", "PC 261(a)(2)", "PC 261(a)(3)",
        "PC 261(a)(4)", "PC 261(a)(6)", "PC 262(a)(1)", "PC 264.1", "PC 266", "PC 266c", "PC 266h(b)", "PC 266i(b)",
        "PC 266j", "PC 267", "PC 269", "PC 285", "PC 286", "PC 287", "PC 288", "PC 288a", "PC 288.2", "PC 288.3",
        "PC 288.4", "PC 288.5", "PC 288.7", "PC 289", "PC 311.1", "PC 311.2(b)", "PC 311.2(c)", "PC 311.2(d)",
        "PC 311.3", "PC 311.4", "PC 311.10", "PC 311.11", "PC 314(1)", "PC 314(2)", "PC 647.6", "PC 647a",
        "PC 653f(c)",
    ),
)
# Offenses that require registration only in some forms the citation cannot show: PC 187 committed in the
# perpetration of rape or a listed sex act; PC 207 and 209 with intent to commit one; PC 220 except assault to commit
# mayhem; PC 272 only for "lewd or lascivious conduct". All MAYBE: an answer of needs_review, never a refusal.
PC290_IN_SOME_FORMS = StatuteList(
    "PC 290 registration offenses in some forms", ("PC 187", "PC 207", "PC 209", "PC 220", "PC 272")
)
# SB 145 (Stats. 2020, ch. 79), PC 290(c)(2): 286(b)(1), 287(b)(1) and 289(h) need no registration when the person
# was at most 10 years older than the minor and it is their only registrable conviction; registration is then the
# judge's call (PC 290.006). These lower a match on PC290_OFFENSES to MAYBE.
PC290_DISCRETIONARY = StatuteList(
    "PC 290 registration at the judge's discretion", ("PC 286(b)(1)", "PC 287(b)(1)", "PC 289(h)")
)

# --- Serious (PC 1192.7(c)) and violent (PC 667.5(c)) felonies ----------------------------------------------------
# The sections that are serious or violent in every form, so they were never county-jail felonies under PC 1170(h)
# (1170(h)(3)) and never get PC 1203.425 felony relief. A partial list of the most common; a section not listed is
# not thereby known to be outside them.
SERIOUS_OR_VIOLENT = StatuteList(
    "serious or violent felonies",
    (
        "PC 187", "PC 192(a)", "PC 203", "PC 205", "PC 207", "PC 209", "PC 209.5", "PC 211", "PC 212.5", "PC 213",
        "PC 215", "PC 220", "PC 245(a)(2)", "PC 245(c)", "PC 245(d)", "PC 246", "PC 261(a)(2)", "PC 264.1", "PC 269",
        "PC 273ab", "PC 286(c)", "PC 286(d)", "PC 287(c)", "PC 287(d)", "PC 288(a)", "PC 288(b)", "PC 288.5",
        "PC 289(a)", "PC 451(a)", "PC 451(b)", "PC 460(a)", "PC 18745", "PC 11418(a)(1)",
        "PC 4500", "PC 667.61",
    ),
)

# --- Prop 64, HS 11361.8 ------------------------------------------------------------------
PROP64_OFFENSES = StatuteList(
    "Prop 64 marijuana offenses", ("HS 11357", "HS 11358", "HS 11359", "HS 11360", "HS 11362.1")
)
# Sections whose felony survives Prop 64 for people with the priors of 11358(d), 11359(c), 11360(a)(3).
# [M] unverified: subdivision text of 11358(d)/11359(c)/11360(a)(3) not re-read.
PROP64_AGGRAVATED_SECTIONS = frozenset({"11358", "11359", "11360"})
PROP64_SAME_SECTION_PRIORS_LIMIT = 2
# A plea down from a marijuana charge often lands on these (law.md s.10).
PLEA_SIGNAL_OFFENSES = StatuteList("plea-bargain signals", ("PC 32", "HS 11364", "HS 11366"))

# --- Prop 47, PC 1170.18(a) ---------------------------------------------------------------
# The sections Prop 47 names, plus the pre-Prop 47 sections whose conduct it re-labelled
# (commercial burglary -> 459.5, grand theft -> 490.2, forgery 470 -> 473).
# PC 490.2 reaches theft offenses outside the list when the value is $950 or less: vehicle theft under VC 10851
# when it was a completed theft, not post-theft driving (People v. Page (2017) 3 Cal.5th 1175), and theft of
# access-card information under PC 484e(d) (People v. Romanowski (2017) 2 Cal.5th 903). Identity theft under
# PC 530.5 is not theft for 490.2 (People v. Jimenez (2020) 9 Cal.5th 53) and stays out.
# [M] unverified: mapping 459/470/484/487 onto 459.5/473/490.2 is our reading, not statute text.
PROP47_OFFENSES = StatuteList(
    "Prop 47 offenses",
    (
        "HS 11350", "HS 11357", "HS 11377", "PC 459.5", "PC 473", "PC 476a", "PC 490.2", "PC 496",
        "PC 666", "PC 459", "PC 470", "PC 484", "PC 487", "PC 484e(d)", "VC 10851",
    ),
)
# Offenses Prop 47 reaches only on facts no record or resident answer here carries, so these never go past
# needs_review: commercial burglary only if it was shoplifting (entering an open business to steal); VC 10851 only
# if it was a theft of the vehicle rather than driving it after the theft was complete (Page).
PROP47_SHOPLIFTING_FACTS = StatuteList("Prop 47 burglaries that need the facts of the case", ("PC 459",))
PROP47_VEHICLE_THEFT_FACTS = StatuteList("Prop 47 vehicle takings that need the facts of the case", ("VC 10851",))
# Where Prop 47 turns on the $950 line.
PROP47_VALUE_LIMITED = StatuteList(
    "Prop 47 offenses with a $950 limit",
    (
        "PC 459.5", "PC 473", "PC 476a", "PC 490.2", "PC 496", "PC 459", "PC 470", "PC 484", "PC 487",
        "PC 484e(d)", "VC 10851",
    ),
)

# --- PC 1203.4(b) exclusions ---------------------------------------------------------------
# Current text of 1203.4(b) (as amended through SB 1106, Stats. 2022, ch. 734): "subdivision (c) of Section 286,
# Section 288, subdivision (c) of Section 287 or of former Section 288a, Section 288.5, subdivision (j) of Section
# 289, Section 311.1, 311.2, 311.3, or 311.11" - PC 288.5 is listed, and 311.2 is excluded whole, not only (b)-(d)
# (those subdivisions are PC 290(c)'s list, which earlier tools carried over).
PC1203_4_EXCLUDED = StatuteList(
    "PC 1203.4(b) exclusions",
    (
        "PC 286(c)", "PC 287(c)", "PC 288", "PC 288a(c)", "PC 288.5", "PC 289(j)", "PC 311.1", "PC 311.2",
        "PC 311.3", "PC 311.11",
    ),
)
# VC 42002.1 misdemeanors (failing to stop for or evading police).
VC42002_1_MISDEMEANORS = StatuteList("VC 42002.1 misdemeanors", ("VC 2800", "VC 2801", "VC 2803"))
PC1203_4_EXCLUDED_FELONIES = StatuteList("PC 1203.4(b) felony exclusions", ("PC 261.5(d)",))
# PC 1203.4a(a): misdemeanor 288(c) and the VC 42002.1 list; VC infractions under VC 42001 are handled by code.
PC1203_4A_EXCLUDED = StatuteList("PC 1203.4a exclusions", ("PC 288(c)",))

# --- PC 1203.49 ---------------------------------------------------------------------------
PC1203_49_OFFENSES = StatuteList("PC 1203.49 offenses", ("PC 647(b)",))

# --- PC 17(b) wobblers and PC 17(d)(2) misdemeanors reducible to infractions --------------
# From rap-sheet-assistant constants.rb (a secondary list, after wiperecord.com) [S]; codes our
# parser does not read (COM, CORP, GOV) are left out. The VC and HS additions at the end are [M].
WOBBLERS = StatuteList(
    "wobblers",
    (
        "PC 32", "PC 69", "PC 71", "PC 72", "PC 95", "PC 95.1", "PC 96", "PC 99", "PC 100", "PC 107",
        "PC 115.1", "PC 118.1", "PC 136.1(a)", "PC 136.1(b)", "PC 136.5", "PC 148.10", "PC 149",
        "PC 166(c)(4)", "PC 166(d)", "PC 168", "PC 171b", "PC 171c", "PC 171d", "PC 182(a)(1)",
        "PC 182(a)(2)", "PC 182(a)(3)", "PC 182(a)(4)", "PC 182(a)(5)", "PC 182.5", "PC 186.22(a)",
        "PC 186.22(b)(1)", "PC 186.22(c)", "PC 186.22(d)", "PC 186.26(a)", "PC 186.26(b)", "PC 186.28",
        "PC 192(c)(1)", "PC 192(c)(3)", "PC 192.5(a)", "PC 192.5(c)(3)", "PC 227", "PC 231",
        "PC 241.1", "PC 241.4", "PC 241.7", "PC 243(c)", "PC 243(d)", "PC 243.3", "PC 243.4(a)",
        "PC 243.4(d)", "PC 243.6", "PC 243.7", "PC 243.9(a)", "PC 244.5(b)", "PC 244.5(c)",
        "PC 245(a)(1)", "PC 245(a)(2)", "PC 245(a)(4)", "PC 245.5(b)", "PC 245.5(c)", "PC 246", "PC 247(b)",
        "PC 247.5", "PC 261.5", "PC 262", "PC 266", "PC 266c", "PC 267", "PC 270", "PC 271",
        "PC 271a", "PC 273(c)", "PC 273a(a)", "PC 273d", "PC 273.5", "PC 273.6(c)", "PC 273.6(d)",
        "PC 273.6(e)", "PC 273.55", "PC 273.65(d)", "PC 273.65(e)", "PC 276", "PC 278", "PC 278.5",
        "PC 280(b)", "PC 283", "PC 284", "PC 286(b)(1)", "PC 286(e)", "PC 286(h)", "PC 288(c)",
        "PC 288.2", "PC 288a(b)(1)", "PC 288a(e)", "PC 288a(h)", "PC 289(c)", "PC 289(h)",
        "PC 289.6(a)(2)", "PC 289.6(a)(3)", "PC 290(g)(2)", "PC 290(g)(3)", "PC 290(g)(5)",
        "PC 299.5(g)", "PC 311.1", "PC 311.2(d)", "PC 311.10", "PC 314(1)", "PC 332", "PC 334(a)",
        "PC 337a", "PC 337b", "PC 337c", "PC 337d", "PC 337e", "PC 337f(c)", "PC 337f(d)", "PC 337i",
        "PC 337.3", "PC 337.7", "PC 347(b)", "PC 350(a)(2)", "PC 350(b)", "PC 350(d)(1)",
        "PC 350(d)(2)", "PC 367f", "PC 368(a)", "PC 368(b)", "PC 368(c)", "PC 368(d)", "PC 368(e)",
        "PC 374.2", "PC 374.8", "PC 382.5", "PC 382.6", "PC 387", "PC 399(b)", "PC 399.5",
        "PC 404.6(c)", "PC 417(b)", "PC 417(c)", "PC 417.1", "PC 417.6", "PC 422", "PC 422.7",
        "PC 452(a)", "PC 452(b)", "PC 452(c)", "PC 453(a)", "PC 453(b)", "PC 461(2)", "PC 463(a)",
        "PC 463(b)", "PC 470", "PC 470a", "PC 470b", "PC 471", "PC 472", "PC 474", "PC 475",
        "PC 475a", "PC 476", "PC 476a", "PC 483.5(d)", "PC 484b", "PC 484e(a)", "PC 484e(b)",
        "PC 484e(d)", "PC 484g", "PC 484h", "PC 484i(b)", "PC 484i(c)", "PC 487", "PC 487a",
        "PC 487e", "PC 487g", "PC 487h(a)", "PC 496", "PC 496a", "PC 496c", "PC 496d", "PC 497",
        "PC 499(a)", "PC 499(b)", "PC 499c", "PC 499d", "PC 502(d)", "PC 502.5", "PC 502.7(a)",
        "PC 502.7(b)", "PC 502.7(d)", "PC 502.7(g)", "PC 502.8(c)", "PC 502.8(d)", "PC 503",
        "PC 504", "PC 504a", "PC 504b", "PC 505", "PC 506", "PC 506b", "PC 507", "PC 508", "PC 524",
        "PC 529", "PC 530", "PC 530.5", "PC 532", "PC 532a(4)", "PC 535", "PC 537(a)(2)",
        "PC 537e(a)", "PC 538", "PC 538.5", "PC 540", "PC 541", "PC 542", "PC 549", "PC 550(a)(6)",
        "PC 550(b)(1)", "PC 550(b)(2)", "PC 551", "PC 560", "PC 560.4", "PC 566", "PC 570",
        "PC 577", "PC 578", "PC 580", "PC 581", "PC 587", "PC 591", "PC 592(b)", "PC 593",
        "PC 593d(b)", "PC 594(b)(1)", "PC 594(b)(2)", "PC 594.3(a)", "PC 594.35", "PC 594.4",
        "PC 594.7", "PC 597", "PC 600(a)", "PC 601", "PC 607", "PC 620", "PC 621", "PC 625b(b)",
        "PC 626.9(b)", "PC 626.10(a)", "PC 626.10(b)", "PC 626.95", "PC 629.84", "PC 631", "PC 632",
        "PC 632.5", "PC 632.6", "PC 632.7", "PC 634", "PC 635", "PC 636(b)", "PC 637", "PC 637.1",
        "PC 641.3", "PC 642", "PC 646.9(a)", "PC 646.9(b)", "PC 646.9(c)", "PC 647.6", "PC 653f(a)",
        "PC 653f(d)", "PC 653f(e)", "PC 653h(b)", "PC 653h(c)", "PC 653h(d)", "PC 666",
        "PC 1319.4", "PC 1320(b)", "PC 1320.5", "PC 1370.5", "PC 4011.7", "PC 4131.5", "PC 4133",
        "PC 4501.1", "PC 4532(a)", "PC 4532(b)", "PC 4532(d)", "PC 4536", "PC 4550(2)",
        "PC 11411(b)", "PC 11411(c)", "PC 11418(d)", "PC 11418.1", "PC 11418.5", "PC 12020",
        "PC 12021(c)", "PC 12021(d)", "PC 12021(e)", "PC 12021(g)", "PC 12021.3", "PC 12023",
        "PC 12025(a)", "PC 12025(b)", "PC 12031(a)", "PC 12031.5(a)", "PC 12034(b)", "PC 12034(d)",
        "PC 12035(b)(1)", "PC 12040", "PC 12072", "PC 12100", "PC 12101", "PC 12220", "PC 12303",
        "PC 12304", "PC 12316(b)", "PC 12320", "PC 12321", "PC 12355(b)", "PC 12403.7", "PC 12422",
        "PC 12520", "PC 14166", "BP 580", "BP 581", "BP 582", "BP 583", "BP 584", "BP 650",
        "BP 729", "BP 1282.3", "BP 2052(a)", "BP 2052(b)", "BP 2053", "BP 4324", "BP 6126(b)",
        "BP 6126(c)", "BP 6152", "BP 7026.10", "BP 7027.3", "BP 7028.16", "BP 10238.6",
        "BP 10250.56", "BP 11010.1", "BP 11013.1", "BP 11013.2", "BP 11013.4", "BP 11018.2",
        "BP 11019", "BP 11022", "BP 17511.9", "BP 22430(d)",
        # PC 245(a)(4), force likely to produce great bodily injury: "imprisonment in the state prison ... or in a
        # county jail not exceeding one year" (245(a)(4)). Second-degree burglary, PC 460(b), punished under
        # PC 461(b) by county jail up to a year or 1170(h).
        "PC 460(b)",
        *(UNVERIFIED_WOBBLER_ENTRIES := (
            # [M] unverified additions, widely described as wobblers. Secondary copies of the code agree for two
            # (2026.12.2, not leginfo itself): VC 10851(a) "imprisonment in a county jail for not more than one year or
            # pursuant to subdivision (h) of Section 1170" (bluedoor.sh's copy of the leginfo text, jurris.com), and
            # VC 20001(b)(1) "state prison, or in a county jail for not more than one year" (catraffictickets.com).
            "VC 10851", "VC 23153", "VC 2800.2", "VC 20001(b)(1)", "HS 11377", "PC 25400", "PC 25850",
        )),
    ),
)
UNVERIFIED_WOBBLERS = StatuteList("wobblers not re-read", UNVERIFIED_WOBBLER_ENTRIES)
# The entries re-read against their punishment clause (2026.12.0); every other entry rests on the secondary list.
RE_READ_WOBBLERS = StatuteList("wobblers re-read against the punishment clause", ("PC 245(a)(4)", "PC 460(b)"))
# Wobblers in some forms only: burglary (PC 459) is one only in the second degree; first-degree burglary is a
# straight felony (PC 461(a)). The degree is not in the citation, so these are MAYBE: needs_review.
WOBBLERS_IN_SOME_FORMS = StatuteList("wobblers in some forms", ("PC 459",))
REDUCIBLE_TO_INFRACTION = StatuteList(
    "misdemeanors reducible to infractions",
    (
        "PC 193.8", "PC 330", "PC 415", "PC 485", "PC 490.7", "PC 555", "PC 602.13", "PC 853.7",
        "PC 532b(c)", "PC 602(o)", "BP 25658(b)", "BP 21672", "BP 25661", "BP 25662", "VC 23109(c)",
        "VC 5201.1", "VC 12500", "VC 14601.1", "VC 27150.1", "VC 40508", "VC 42005",
    ),
)

# --- Arrests without a conviction, PC 851.91 and 851.93 ----------------------------------------------------------
# PC 851.91(a)(2)(B): no sealing when the arrest was for murder or another offense with no statute of limitations,
# unless the person was acquitted or found factually innocent. PC 799(a): offenses punishable by death or life (we
# list murder); [M] unverified: PC 799(b) (SB 813, 2016) also lifts the limit for the listed sex offenses committed
# from 2017 or not yet barred then, so those are only possible matches (needs review), never a refusal.
NO_LIMITATION_OFFENSES = StatuteList("offenses with no statute of limitations", ("PC 187", "PC 190"))
# PC 799(b)'s list as a secondary copy gives it (self-law.org, "a research copy"): 261(a)(1)-(4), (6), (7), former
# 262(a)(1)-(5), 264.1, 286 and 287 / former 288a in (c)(2)-(3), (d), (f), (g), (i), (k), 288(a) with substantial
# sexual conduct, 288(b), 288.5, 289(a), (b), (d), (e), (g), for crimes from 2017 or not yet time-barred then. Whole
# sections stay possible matches, since the date and the facts decide; PC 262 and 264.1 added from that copy.
NO_LIMITATION_IN_SOME_CASES = StatuteList(
    "offenses with no statute of limitations in some cases",
    ("PC 261", "PC 262", "PC 264.1", "PC 286", "PC 287", "PC 288", "PC 288a", "PC 288.5", "PC 289", "PC 209",
     "PC 667.61"),
)
# PC 851.91(c)(2): an arrest for domestic violence, child abuse or elder abuse is sealed only in the interests of
# justice when the record shows a pattern of such arrests or convictions: "two or more convictions, or five or more
# arrests, for separate offenses occurring on separate occasions within three years from at least one of the other
# convictions or arrests" (wording from a secondary copy, record-expungement.com; the subdivision is (c)(2) in People
# v. I.C. (Mar. 13, 2023, F083780) [nonpub. opn.]) [S]. The sections below are the ones whose every form is that kind
# of abuse (our reading, not a statutory list): others (PC 242, 422, 646.9) may be domestic violence on their facts,
# which a reviewer reads.
DOMESTIC_VIOLENCE_OFFENSES = StatuteList("domestic violence offenses", ("PC 273.5", "PC 243(e)(1)"))
CHILD_ABUSE_OFFENSES = StatuteList("child abuse offenses", ("PC 273a", "PC 273d"))
ELDER_ABUSE_OFFENSES = StatuteList("elder abuse offenses", ("PC 368",))
PC851_91_PATTERN_CONVICTIONS = 2
PC851_91_PATTERN_ARRESTS = 5
PC851_91_PATTERN_YEARS = 3
# PC 851.91(a)(2)(C)-(D): no sealing when the person intentionally evaded law enforcement efforts to prosecute the
# arrest, including by absconding, or by identity fraud for which they were later charged. No questionnaire asks it;
# a later conviction for failing to appear (PC 1320, 1320.5) or for a false identity (PC 148.9 false identification to
# a peace officer, 529 false personation, 530.5 identity theft) is the sign on the record that a reviewer checks.
EVASION_SIGNS = StatuteList("signs of evading prosecution", ("PC 1320", "PC 1320.5", "PC 148.9", "PC 529", "PC 530.5"))

# PC 851.93 automatic arrest relief (AB 1076, Stats. 2019, ch. 578, operative 2021-07-01 for arrests from
# 2021-01-01; SB 731, Stats. 2022, ch. 814, back to arrests from 1973-01-01) [S: law.md s.5]. Not for a person
# required to register under PC 290.
PC851_93_OPERATIVE = date(2021, 7, 1)
PC851_93_EARLIEST_ARREST = date(1973, 1, 1)

# --- Certificate of Rehabilitation, PC 4852.01 ---------------------------------------------------------------------
# PC 4852.01(c), read on leginfo.legislature.ca.gov (2026.12.2): "persons convicted of a violation of Section 269,
# subdivision (c) of Section 286, subdivision (c) of Section 287, Section 288, Section 288.5, Section 288.7,
# subdivision (j) of Section 289, or subdivision (c) of former Section 288a". PC 269 and 288.7 were missing before.
PC4852_01_EXCLUDED = StatuteList(
    "PC 4852.01 exclusions",
    ("PC 269", "PC 286(c)", "PC 287(c)", "PC 288", "PC 288a(c)", "PC 288.5", "PC 288.7", "PC 289(j)"),
)

# --- PC 1203.4b fire crews ----------------------------------------------------------------------------------------
# [M] unverified: 1203.4b(b)'s exclusions (murder, kidnapping, rape, lewd acts on a child under 14, arson, escape from
# a secure perimeter), from secondary summaries; PC 290 offenses and life felonies are read from the other tables.
PC1203_4B_EXCLUDED = StatuteList(
    "PC 1203.4b exclusions", ("PC 187", "PC 207", "PC 209", "PC 261", "PC 288(a)", "PC 288(b)", "PC 451", "PC 4530")
)

# Sentences served in custody: where PC 1170.91 resentencing and PC 1203.4b fire-crew dismissal can apply.
CUSTODY_SENTENCES = frozenset({"state_prison", "county_jail"})
