"""What each kind of relief means, in plain words, for the match page."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class ReliefExplanation:
    title: object
    means: tuple[object, ...]
    does_not_change: tuple[object, ...]


# Said of more than one kind of relief.
PRIVATE_JOB_APPLICATIONS = _l("On most job applications from private employers, you can answer that you have not "
                              "been convicted of this offense.")
STILL_A_PRIOR = _l("It can still count as a prior conviction if you are charged with a crime again.")
NO_GUN_RIGHTS_BACK = _l("It does not give back the right to own a gun if the conviction took it away.")

EXPLANATIONS = {
    "dismissal": ReliefExplanation(
        title=_l("The court dismissed the conviction"),
        means=(
            PRIVATE_JOB_APPLICATIONS,
            _l("Employers in California generally may not ask about or use a dismissed conviction."),
            _l("Your record with the state shows that relief was granted."),
        ),
        does_not_change=(
            _l("You must still tell about it when you apply for a government job, a state license (for example "
               "nursing, real estate or teaching), or run for public office."),
            STILL_A_PRIOR,
            NO_GUN_RIGHTS_BACK,
            _l("It does not end a duty to register as a sex offender, or a driver's license suspension."),
        ),
    ),
    "reduction": ReliefExplanation(
        title=_l("The court reduced the conviction"),
        means=(
            _l("The conviction now counts as a less serious one: a felony became a misdemeanor, or a misdemeanor "
               "became an infraction."),
            _l("When an application asks about felonies, you can answer for the reduced conviction as it is now."),
        ),
        does_not_change=(
            _l("The conviction is still on your record. You may be able to ask the court to dismiss it as well."),
            STILL_A_PRIOR,
            _l("Some limits on owning a gun can remain."),
        ),
    ),
    "sealing": ReliefExplanation(
        title=_l("The court sealed the record"),
        means=(
            _l("The record is hidden from the public and from most background checks for jobs and housing."),
            PRIVATE_JOB_APPLICATIONS,
        ),
        does_not_change=(
            _l("Police, courts and some licensing and government agencies can still see it."),
            _l("You must still tell about it when you apply for a government job, a state license, or run for "
               "public office."),
            NO_GUN_RIGHTS_BACK,
        ),
    ),
}
RELIEF_NAMES = {
    "dismissal": _l("Dismissal"),
    "reduction": _l("Reduction"),
    "sealing": _l("Sealing"),
}
