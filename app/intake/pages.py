"""What each question page shows: its form, its question (the page's h1) and its hints.

The order of the pages and when each applies live in app/applications/journey.py; this list only says how a page
looks. One generic view and one template serve them all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from app.intake import forms


@dataclass(frozen=True)
class QuestionPage:
    form: type[forms.QuestionForm]
    question: Any  # the h1: the label or legend of a one-question page, the title of a several-field page
    hint: Any = None
    choice_hints: dict[str, Any] = field(default_factory=dict)
    field_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-field macro arguments
    template: str = "intake/question.html"
    heading_field: str | None = None  # the field whose label is the h1; by default the only field, if one

    def heading_field_name(self, form: forms.QuestionForm) -> str | None:
        """The question is the label (GOV.UK): a one-field page's label is its h1; others get a separate h1."""
        if self.heading_field:
            return self.heading_field
        names = [name for name in form._fields if name != "csrf_token"]
        return names[0] if len(names) == 1 else None


def yes_no(question: Any, hint: Any = None, *, rather_not_say: bool = False) -> QuestionPage:
    """A yes / no / "I don't know" page; a private question (`rather_not_say`) offers "I'd rather not say" instead."""
    if rather_not_say:
        form = forms.yes_no_form(_l("Select yes, no or “I'd rather not say”"), _l("I'd rather not say"))
    else:
        form = forms.yes_no_form(_l("Select yes, no or “I don't know”"))
    return QuestionPage(form, question, hint)


def date_page(form: type[forms.QuestionForm], question: Any, field_name: str, element_id: str) -> QuestionPage:
    """A day / month / year page where a year alone, or nothing, is an answer."""
    return QuestionPage(form, question, YEAR_ONLY_HINT, field_options={field_name: {"id": element_id}})


YEAR_ONLY_HINT = _l("If you only know the year, fill in only the year. Leave all three boxes empty if you don't know.")

PAGES: dict[str, QuestionPage] = {
    "counties": QuestionPage(
        forms.CountiesForm, _l("Where were you arrested or convicted?"),
        _l("Choose every county where you were convicted, or arrested or charged even if the case was dropped. "
           "These counties have a free legal office working with us.")),
    "name": QuestionPage(
        forms.NameForm, _l("What is your name?"),
        field_options={"full_name": {"autocomplete": "name", "spellcheck": "false"},
                       "other_names": {"hint": _l("For example a maiden name or a nickname on court papers"),
                                       "spellcheck": "false"}}),
    "date-of-birth": QuestionPage(
        forms.DateOfBirthForm, _l("What is your date of birth?"), _l("For example, 3 27 1985"),
        field_options={"date_of_birth": {"id": "dob"}}),
    "contact": QuestionPage(
        forms.ContactForm, _l("How can the legal office contact you?"),
        _l("Choose all that are safe for you. We only use them for your application."),
        heading_field="methods",
        field_options={"email": {"type": "email", "autocomplete": "email", "spellcheck": "false",
                                 "hint": _l("Fill this in if you chose email")},
                       "phone": {"type": "tel", "autocomplete": "tel",
                                 "hint": _l("Fill this in if you chose text message or phone call")}}),
    "address": QuestionPage(
        forms.AddressForm, _l("What is a safe mailing address for you?"),
        _l("The court forms ask for an address. Use one where you can safely get mail. You can leave it empty if you "
           "do not have one."),
        field_options={"street": {"autocomplete": "street-address"}, "city": {"autocomplete": "address-level2"},
                       "state": {"autocomplete": "address-level1", "classes": "narrow"},
                       "zip": {"autocomplete": "postal-code", "inputmode": "numeric", "classes": "narrow"}}),
    "probation-or-parole": yes_no(
        _l("Are you on probation or parole now?"),
        _l("This includes mandatory supervision and post-release community supervision.")),
    "in-custody": yes_no(_l("Are you in jail or prison now?")),
    "pending-charges": yes_no(
        _l("Are you charged with a crime right now?"),
        _l("This means a criminal case against you that a court has not finished.")),
    "sex-offender-registration": yes_no(
        _l("Do you have to register as a sex offender?"),
        _l("This is registration under Penal Code section 290.")),
    "serious-felony": yes_no(
        _l("Have you ever been convicted of a very serious or violent felony?"),
        _l("For example murder, attempted murder, a violent sex crime, or any felony that can be punished with life in "
           "prison or death. Most convictions, including most robberies and assaults, do not count.")),
    "partner-violence": yes_no(
        _l("Did any of your convictions happen because someone was abusing you?"),
        _l("For example a partner who hurt or controlled you, or someone who sexually abused you. The law gives "
           "survivors a special way to clear a conviction that came from it. Your answer is private."),
        rather_not_say=True),
    "trafficking-survivor": yes_no(
        _l("Did any of your arrests or convictions happen while someone was trafficking you?"),
        _l("Trafficking means someone forced, tricked or pressured you into work or sex work, for example by "
           "threats, debts or taking your papers. Survivors can ask a judge to erase these convictions. Your answer is "
           "private."),
        rather_not_say=True),
    "veteran": yes_no(
        _l("Have you served in the U.S. military?"),
        _l("This includes the National Guard and the reserves. Veterans have some extra ways to change a sentence.")),
    "citizen": yes_no(
        _l("Are you a U.S. citizen?"),
        _l("We ask because clearing a record works differently for immigration. Your answer is private and is only "
           "used to tell you whether to talk to an immigration attorney."),
        rather_not_say=True),
    "juvenile": yes_no(
        _l("Do you have a juvenile case?"),
        _l("This is a case in juvenile court, from when you were under 18.")),
    "arrests": yes_no(
        _l("Have you been arrested or charged with a crime that was dropped, dismissed or ended in a not-guilty "
           "verdict?"),
        _l("Some arrests stay on your record even without a conviction. The court can seal them.")),
    "arrest-county": QuestionPage(
        forms.ConvictionCountyForm, _l("In which county were you arrested?"),
        _l("If a court case was filed, choose the county of that court.")),
    "arrest-date": date_page(forms.ArrestDateForm, _l("When were you arrested?"), "arrest_date", "arrest-date"),
    "arrest-offense": QuestionPage(
        forms.OffenseForm, _l("What were you arrested for?"),
        _l("Choose the closest one, or “I don't know”. A few arrests, such as for murder, cannot be sealed."),
        template="intake/offense.html"),
    "arrest-agency": QuestionPage(
        forms.ArrestAgencyForm, _l("Which police or sheriff's department arrested you? (optional)"),
        _l("For example Oakland Police Department or Los Angeles County Sheriff. Leave it empty if you don't know.")),
    "arrest-outcome": QuestionPage(forms.ArrestOutcomeForm, _l("How did the case end?")),
    "arrests-list": QuestionPage(
        forms.MoreArrestsForm, _l("Do you have another arrest to add?"), template="intake/arrests.html"),
    "any-convictions": yes_no(
        _l("Have you also been convicted of a crime?"),
        _l("This means you pleaded guilty or no contest, or were found guilty, in any case.")),
    "county": QuestionPage(
        forms.ConvictionCountyForm, _l("In which county were you convicted?"),
        _l("This is the county of the court that handled your case.")),
    "case-number": QuestionPage(
        forms.CaseNumberForm, _l("What is the case number? (optional)"),
        _l("It is on your court papers or your record, for example 12-CR-3456. Leave it empty if you don't know.")),
    "offense": QuestionPage(
        forms.OffenseForm, _l("What was the conviction for?"),
        _l("Choose the closest one. If you have your record, you can type the code section instead, like HS 11357 or "
           "PC 459.5."),
        template="intake/offense.html"),
    "level": QuestionPage(
        forms.LevelForm, _l("Was it a felony, a misdemeanor or an infraction?"),
        choice_hints={"felony": _l("The most serious kind: it can mean state prison"),
                      "misdemeanor": _l("Less serious: up to a year in county jail"),
                      "infraction": _l("The least serious, like most traffic tickets: only a fine")}),
    "date": date_page(forms.ConvictionDateForm, _l("When were you convicted?"), "conviction_date", "conviction-date"),
    "sentence": QuestionPage(
        forms.SentenceForm, _l("What was the sentence?"),
        _l("If there was more than one, choose the most serious part (for example prison before probation)."),
        choice_hints={"probation": _l("Also called “summary” or “informal” probation when you did not report to "
                                      "an officer")}),
    "sentence-finished": yes_no(
        _l("Have you finished the sentence?"),
        _l("This means probation, jail or prison, and any parole or supervision after it, are over.")),
    "probation-completed": yes_no(_l("Did you finish probation for this conviction?")),
    "probation-ended-early": yes_no(
        _l("Did a judge end your probation early?"),
        _l("This is when the court agreed to end probation before the date it was set to end, often after your "
           "lawyer asked.")),
    "convictions": QuestionPage(
        forms.MoreConvictionsForm, _l("Do you have another conviction to add?"), template="intake/convictions.html"),
    "value": yes_no(
        _l("Was the property or check worth more than $950?"),
        _l("Your answer can change the result for this theft or property conviction.")),
    "probation-violated": yes_no(
        _l("Was your probation ever violated?"),
        _l("For example, the judge found you broke a rule of probation.")),
    "finished-date": date_page(forms.FinishedDateForm, _l("When did you finish your sentence?"), "finished_date",
                               "finished-date"),
    "mandatory-supervision": yes_no(
        _l("Did your county jail sentence include mandatory supervision?"),
        _l("This is time supervised by a probation officer after jail, also called a “split sentence”.")),
    "trafficking": yes_no(
        _l("Did this happen while someone was forcing or pressuring you to do sex work?"),
        _l("If so, the law gives you a special way to clear it. Your answer is private."), rather_not_say=True),
    "offense-date": QuestionPage(
        forms.OffenseDateForm, _l("When did the offense happen?"),
        _l("This is the day of the offense itself, not the day you were convicted. It is often the arrest date on your "
           "papers. If you only know the year, fill in only the year."),
        field_options={"offense_date": {"id": "offense-date"}}),
    "prison-suspended": yes_no(
        _l("Did the judge give you a prison sentence and then suspend it when granting probation?"),
        _l("Your court papers may say “execution of sentence suspended”. If they say “imposition of sentence "
           "suspended”, or the judge set no prison term, answer no.")),
    "marijuana-amount": yes_no(
        _l("Was it more than 28.5 grams (about one ounce) of marijuana, or more than 8 grams of concentrate?"),
        _l("Today the amount and your age then decide whether this is legal, an infraction or still a crime.")),
    "fire-camp": yes_no(
        _l("While you were in jail or prison, did you serve on a fire crew?"),
        _l("For example at a conservation (fire) camp, on a county hand crew, or as a firefighter at the institution.")),
    "income": QuestionPage(
        forms.IncomeForm, _l("About how much money does your household get each month?"),
        _l("Count wages, benefits and other income before taxes. This decides which free legal office helps you."),
        heading_field="monthly_income",
        field_options={"monthly_income": {"inputmode": "numeric", "classes": "narrow", "dollars": True},
                       "rather_not_say": {"divider_before": True}}),
    "home": yes_no(
        _l("Do you own your home?"), _l("This also decides which free legal office helps you."), rather_not_say=True),
    "hearing": QuestionPage(
        forms.HearingForm, _l("Choices for your court papers"),
        _l("These are optional. The legal office can explain them. Leave them empty if you are not sure.")),
}
