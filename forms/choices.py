"""The fixed choices the desk records, as codes with translatable labels."""

from __future__ import annotations

from enum import StrEnum

from forms.i18n import N_, _


class Labelled(StrEnum):
    """A choice stored by its code and shown by its translated label."""

    @property
    def label(self) -> str:
        return _(LABELS[type(self)][self.value])

    @classmethod
    def options(cls) -> list[tuple[str, str]]:
        """(label, code) pairs in declaration order, for a Select."""
        return [(member.label, member.value) for member in cls]


class ClientLanguage(Labelled):
    """The client languages the desk knows by name; the profile lists the ones it records
    (forms.profile.ClientLanguageChoice), and may name others of its own."""

    FI = "fi"
    SV = "sv"
    EN = "en"
    RU = "ru"
    AR = "ar"
    SO = "so"
    ET = "et"
    UK = "uk"
    OTHER = "other"


class HandoutLanguage(Labelled):
    """The languages a handout is printed in, in the order `g` cycles them at the desk: plain
    Finnish (selkosuomi) is Finnish in short sentences and common words, in larger type."""

    FI = "fi"
    SELKO = "selko"
    SV = "sv"
    EN = "en"


LANGUAGE_CODE = r"^([a-z]{2,3}|other)$"
"""A client language's code as stored: ISO 639 letters, or "other"."""

HANDOUT_LANGUAGES = tuple(language.value for language in HandoutLanguage)
"""The languages the handouts and the waiting-room display are written in (printouts/texts), in
the order `g` cycles them at the visit: fi, selko (plain Finnish), sv, en."""


class LifeSituation(Labelled):
    UNEMPLOYED = "unemployed"
    PARTIAL_ABILITY = "partial_ability"
    ENTREPRENEUR = "entrepreneur"
    STUDENT_ON_BREAK = "student_on_break"
    HOME_PARENT = "home_parent"
    OUTSIDE_WORK = "outside_work"
    OTHER = "other"


class ArrivalChannel(Labelled):
    SELF = "self"
    EMPLOYMENT_SERVICES = "employment_services"
    HEALTH_CENTRE = "health_centre"
    SOCIAL_WORK = "social_work"
    KELA = "kela"
    ORGANISATION = "organisation"
    OTHER = "other"


class AgeGroup(Labelled):
    UNDER_25 = "under_25"
    FROM_25 = "25_34"
    FROM_35 = "35_44"
    FROM_45 = "45_54"
    FROM_55 = "55_plus"


class Urgency(Labelled):
    ACUTE = "acute"
    SOON = "soon"
    NORMAL = "normal"

    @property
    def rank(self) -> int:
        """0 is served first."""
        return list(Urgency).index(self)

    @property
    def symbol(self) -> str:
        """Urgency is never told by colour alone."""
        return {"acute": "!!", "soon": "! ", "normal": "– "}[self.value]


class VisitStatus(Labelled):
    WAITING = "waiting"
    CALLED = "called"
    IN_MEETING = "in_session"
    """Stored as "in_session" (the word before "meeting"): the value stays, so no migration."""
    FINISHED = "finished"
    LEFT = "left"
    NO_SHOW = "no_show"
    """Called as many times as the profile says and never came: counted apart from "left"."""


class OutcomeAction(Labelled):
    GUIDANCE = "guidance"
    REFERRAL = "referral"
    APPOINTMENT = "appointment"
    WORKER_NAMED = "worker_named"
    CONSENT = "consent"


class FollowUpBy(Labelled):
    """Who gets in touch by the follow-up date: the desk's worker, or the client."""

    WORKER = "worker"
    CLIENT = "client"


class FeedbackInstruction(Labelled):
    """How the client got the feedback instruction (the sheet staff used to forget)."""

    PRINTED = "printed"
    OTHER_WAY = "other_way"
    DECLINED = "declined"


class HandoutKind(Labelled):
    BROCHURE = "brochure"
    FEEDBACK = "feedback"
    CARD = "card"
    MEMO = "memo"
    CONSENT = "consent"


class PrintOutcome(StrEnum):
    """How a print job went. It is recorded as SENDING before the PDF goes to the printer, so a
    crash while printing still leaves the attempt on record (and never counted as printed)."""

    SENDING = "sending"
    PRINTED = "printed"
    SAVED = "saved"
    """Not printed: the PDF was kept in the data folder instead (no printer took it, or the
    printer is paused and the job waits in its queue)."""
    WRITTEN = "written"
    """Written to the file the worker asked for (`walkin print --out`): done as asked."""
    FAILED = "failed"
    """Neither printed nor saved (a full disk, say)."""


class StaffRole(Labelled):
    DESK = "desk"
    ADMIN = "admin"


class ConsentKind(Labelled):
    RECORDING = "recording"
    NETWORK_MEETING = "network_meeting"
    CONTACT = "contact"
    """Contacting the client later for a follow-up: while it stands and the follow-up is open, the
    name to call and the callback phone outlive the retention days (forms.settings)."""


class ConsentMethod(Labelled):
    SPOKEN = "spoken"
    SIGNED = "signed"


class AuditAction(Labelled):
    """What the audit trail records."""

    VIEW = "view"
    ADMIT = "admit"
    TRIAGE = "triage"
    CALL = "call"
    CALL_AGAIN = "call_again"
    START = "start"
    REQUEUE = "requeue"
    LEFT = "left"
    NO_SHOW = "no_show"
    STEP_OUT = "step_out"
    STEP_BACK = "step_back"
    FINISH = "finish"
    PUT_BACK = "put_back"
    HANDOVER = "handover"
    OUTCOME_CORRECTED = "outcome_corrected"
    INTAKE_CHANGED = "intake_changed"
    FEEDBACK = "feedback"
    CONSENT = "consent"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    PRINT = "print"
    EXPORT = "export"
    SIGN_IN = "sign_in"
    SIGN_IN_REFUSED = "sign_in_refused"
    ACCOUNT_LOCKED = "account_locked"
    SIGN_OUT = "sign_out"
    STAFF_ADDED = "staff_added"
    STAFF_CHANGED = "staff_changed"
    STAFF_DEACTIVATED = "staff_deactivated"
    STAFF_ACTIVATED = "staff_activated"
    PIN_RESET = "pin_reset"
    PURGE = "purge"
    AWAY = "away"
    BACK = "back"
    DOCUMENTED = "documented"
    """Marked documented in the county's client information system."""
    FOLLOW_UP_CONTACT = "follow_up_contact"
    FOLLOW_UP_MOVED = "follow_up_moved"
    FOLLOW_UP_CLOSED = "follow_up_closed"
    ERASE = "erase"
    RESTRICT = "restrict"
    RESTRICTION_LIFTED = "restriction_lifted"
    PRIVACY_REQUEST = "privacy_request"
    LOG_EXTRACT = "log_extract"


class ReferralProgress(Labelled):
    """Where a referred client stood with the service at a follow-up contact."""

    REACHED = "reached"
    WAITING = "waiting"
    DID_NOT_GO = "did_not_go"
    UNKNOWN = "unknown"


class HealthCheck(Labelled):
    """Whether the health check for the unemployed was done, asked when one was suggested."""

    DONE = "done"
    NOT_DONE = "not_done"
    UNKNOWN = "unknown"


class Respondent(Labelled):
    """Whose answer to a follow-up question: the client's own, or the worker's view."""

    CLIENT = "client"
    WORKER = "worker"


class ErasureReason(Labelled):
    """Why an administrator erased a visit's personal fields before retention would have."""

    DATA_SUBJECT_REQUEST = "data_subject_request"
    WRONG_PERSON = "wrong_person"
    OTHER = "other"


class PrivacyRequestKind(Labelled):
    """What a data subject asked for (GDPR Art. 15, 17, 18; the log extract of Act 703/2023 § 11)."""

    ACCESS = "access"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    LOG_EXTRACT = "log_extract"
    OTHER = "other"


class AwayReason(Labelled):
    """Why a worker is away from the desk: the short list the away key offers (no client data)."""

    LUNCH = "lunch"
    BREAK = "break"
    PHONE = "phone"
    MEETING = "meeting"
    OTHER = "other"


LABELS: dict[type[Labelled], dict[str, str]] = {
    ClientLanguage: {
        ClientLanguage.FI.value: N_("Finnish"),
        ClientLanguage.SV.value: N_("Swedish"),
        ClientLanguage.EN.value: N_("English"),
        ClientLanguage.RU.value: N_("Russian"),
        ClientLanguage.AR.value: N_("Arabic"),
        ClientLanguage.SO.value: N_("Somali"),
        ClientLanguage.ET.value: N_("Estonian"),
        ClientLanguage.UK.value: N_("Ukrainian"),
        ClientLanguage.OTHER.value: N_("Other language"),
    },
    HandoutLanguage: {
        HandoutLanguage.FI.value: N_("Finnish"),
        HandoutLanguage.SELKO.value: N_("Plain Finnish (selkosuomi)"),
        HandoutLanguage.SV.value: N_("Swedish"),
        HandoutLanguage.EN.value: N_("English"),
    },
    LifeSituation: {
        LifeSituation.UNEMPLOYED.value: N_("Unemployed"),
        LifeSituation.PARTIAL_ABILITY.value: N_("Partially able to work"),
        LifeSituation.ENTREPRENEUR.value: N_("Entrepreneur without occupational health care"),
        LifeSituation.STUDENT_ON_BREAK.value: N_("Student away from studies"),
        LifeSituation.HOME_PARENT.value: N_("At home (home-care allowance, parent)"),
        LifeSituation.OUTSIDE_WORK.value: N_("Otherwise outside working life"),
        LifeSituation.OTHER.value: N_("Other situation"),
    },
    ArrivalChannel: {
        ArrivalChannel.SELF.value: N_("Came on own initiative"),
        ArrivalChannel.EMPLOYMENT_SERVICES.value: N_("Employment services"),
        ArrivalChannel.HEALTH_CENTRE.value: N_("Health centre"),
        ArrivalChannel.SOCIAL_WORK.value: N_("Social work"),
        ArrivalChannel.KELA.value: N_("Kela"),
        ArrivalChannel.ORGANISATION.value: N_("Organisation or association"),
        ArrivalChannel.OTHER.value: N_("Other channel"),
    },
    AgeGroup: {
        AgeGroup.UNDER_25.value: N_("under 25"),
        AgeGroup.FROM_25.value: N_("25–34"),
        AgeGroup.FROM_35.value: N_("35–44"),
        AgeGroup.FROM_45.value: N_("45–54"),
        AgeGroup.FROM_55.value: N_("55 or over"),
    },
    Urgency: {
        Urgency.ACUTE.value: N_("acute"),
        Urgency.SOON.value: N_("soon"),
        Urgency.NORMAL.value: N_("normal"),
    },
    VisitStatus: {
        VisitStatus.WAITING.value: N_("waiting"),
        VisitStatus.CALLED.value: N_("called"),
        VisitStatus.IN_MEETING.value: N_("in a meeting"),
        VisitStatus.FINISHED.value: N_("finished"),
        VisitStatus.LEFT.value: N_("left unseen"),
        VisitStatus.NO_SHOW.value: N_("did not show"),
    },
    OutcomeAction: {
        OutcomeAction.GUIDANCE.value: N_("Guidance given"),
        OutcomeAction.REFERRAL.value: N_("Referral made"),
        OutcomeAction.APPOINTMENT.value: N_("Appointment booked"),
        OutcomeAction.WORKER_NAMED.value: N_("Responsible worker named"),
        OutcomeAction.CONSENT.value: N_("Consent recorded"),
    },
    FollowUpBy: {
        FollowUpBy.WORKER.value: N_("We contact the client"),
        FollowUpBy.CLIENT.value: N_("The client contacts us"),
    },
    FeedbackInstruction: {
        FeedbackInstruction.PRINTED.value: N_("feedback sheet printed"),
        FeedbackInstruction.OTHER_WAY.value: N_("given another way"),
        FeedbackInstruction.DECLINED.value: N_("client declined"),
    },
    HandoutKind: {
        HandoutKind.BROCHURE.value: N_("Brochure"),
        HandoutKind.FEEDBACK.value: N_("Feedback instruction"),
        HandoutKind.CARD.value: N_("Contact card"),
        HandoutKind.MEMO.value: N_("Visit memo"),
        HandoutKind.CONSENT.value: N_("Consent statement"),
    },
    StaffRole: {
        StaffRole.DESK.value: N_("Desk worker"),
        StaffRole.ADMIN.value: N_("Administrator"),
    },
    ConsentKind: {
        ConsentKind.RECORDING.value: N_("Recording the client's details"),
        ConsentKind.NETWORK_MEETING.value: N_("Network meeting"),
        ConsentKind.CONTACT.value: N_("Contacting the client later (follow-up)"),
    },
    ConsentMethod: {
        ConsentMethod.SPOKEN.value: N_("spoken"),
        ConsentMethod.SIGNED.value: N_("signed"),
    },
    AuditAction: {
        AuditAction.VIEW.value: N_("viewed a visit"),
        AuditAction.ADMIT.value: N_("new walk-in"),
        AuditAction.TRIAGE.value: N_("triage"),
        AuditAction.CALL.value: N_("called"),
        AuditAction.CALL_AGAIN.value: N_("called again"),
        AuditAction.START.value: N_("meeting started"),
        AuditAction.REQUEUE.value: N_("back to the queue"),
        AuditAction.LEFT.value: N_("left unseen"),
        AuditAction.NO_SHOW.value: N_("did not show"),
        AuditAction.HANDOVER.value: N_("handed over"),
        AuditAction.STEP_OUT.value: N_("stepped out for a while"),
        AuditAction.STEP_BACK.value: N_("back from stepping out"),
        AuditAction.FINISH.value: N_("finished"),
        AuditAction.PUT_BACK.value: N_("put back (a mistake undone)"),
        AuditAction.OUTCOME_CORRECTED.value: N_("outcome corrected"),
        AuditAction.INTAKE_CHANGED.value: N_("intake details changed"),
        AuditAction.FEEDBACK.value: N_("feedback instruction"),
        AuditAction.CONSENT.value: N_("consent recorded"),
        AuditAction.CONSENT_WITHDRAWN.value: N_("consent withdrawn"),
        AuditAction.PRINT.value: N_("printed"),
        AuditAction.EXPORT.value: N_("exported"),
        AuditAction.SIGN_IN.value: N_("signed in"),
        AuditAction.SIGN_IN_REFUSED.value: N_("wrong PIN"),
        AuditAction.ACCOUNT_LOCKED.value: N_("account locked"),
        AuditAction.SIGN_OUT.value: N_("signed out"),
        AuditAction.STAFF_ADDED.value: N_("account added"),
        AuditAction.STAFF_CHANGED.value: N_("account changed"),
        AuditAction.STAFF_DEACTIVATED.value: N_("account deactivated"),
        AuditAction.STAFF_ACTIVATED.value: N_("account activated"),
        AuditAction.PIN_RESET.value: N_("PIN reset"),
        AuditAction.PURGE.value: N_("personal data erased"),
        AuditAction.AWAY.value: N_("away from the desk"),
        AuditAction.BACK.value: N_("back at the desk"),
        AuditAction.DOCUMENTED.value: N_("marked documented in the client information system"),
        AuditAction.FOLLOW_UP_CONTACT.value: N_("follow-up contact recorded"),
        AuditAction.FOLLOW_UP_MOVED.value: N_("follow-up moved"),
        AuditAction.FOLLOW_UP_CLOSED.value: N_("follow-up closed"),
        AuditAction.ERASE.value: N_("personal data erased on request"),
        AuditAction.RESTRICT.value: N_("processing restricted"),
        AuditAction.RESTRICTION_LIFTED.value: N_("restriction lifted"),
        AuditAction.PRIVACY_REQUEST.value: N_("data-subject request"),
        AuditAction.LOG_EXTRACT.value: N_("log extract made"),
    },
    ReferralProgress: {
        ReferralProgress.REACHED.value: N_("reached the service"),
        ReferralProgress.WAITING.value: N_("is waiting"),
        ReferralProgress.DID_NOT_GO.value: N_("did not go"),
        ReferralProgress.UNKNOWN.value: N_("don't know"),
    },
    HealthCheck: {
        HealthCheck.DONE.value: N_("done"),
        HealthCheck.NOT_DONE.value: N_("not done"),
        HealthCheck.UNKNOWN.value: N_("don't know"),
    },
    Respondent: {
        Respondent.CLIENT.value: N_("the client"),
        Respondent.WORKER.value: N_("the worker"),
    },
    ErasureReason: {
        ErasureReason.DATA_SUBJECT_REQUEST.value: N_("the person asked for it"),
        ErasureReason.WRONG_PERSON.value: N_("recorded on the wrong person"),
        ErasureReason.OTHER.value: N_("other reason"),
    },
    PrivacyRequestKind: {
        PrivacyRequestKind.ACCESS.value: N_("access copy"),
        PrivacyRequestKind.ERASURE.value: N_("erasure"),
        PrivacyRequestKind.RESTRICTION.value: N_("restriction"),
        PrivacyRequestKind.LOG_EXTRACT.value: N_("log extract"),
        PrivacyRequestKind.OTHER.value: N_("other"),
    },
    AwayReason: {
        AwayReason.LUNCH.value: N_("lunch"),
        AwayReason.BREAK.value: N_("break"),
        AwayReason.PHONE.value: N_("phone call"),
        AwayReason.MEETING.value: N_("meeting elsewhere"),
        AwayReason.OTHER.value: N_("other"),
    },
}
