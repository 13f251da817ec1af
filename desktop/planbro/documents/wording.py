"""The fixed Danish wording of plan documents (documents are always Danish)."""

from __future__ import annotations

# In the header of every page of a draft (status kladde), never of a signed version.
DRAFT_MARK = "KLADDE – ikke underskrevet"
# The small print in the header of every page: the plan document is the
# original for the case file, so it carries the full CPR number (extracts
# for partners, with the masked number, say so instead).
ORIGINAL = "Original til sagen · indeholder fuldt CPR-nummer"

# The document title by the plan's legal basis.
TITLES = {
    "sel-141-1": "Handleplan efter serviceloven § 141",
    "sel-141-2": "Handleplan efter serviceloven § 141",
    "sel-142": "Handleplan efter serviceloven § 142",
    # The opening says the rest (reform.opening): the title stays on one line.
    "sel-141-7": "Helhedsorienteret plan",
}
# The basis spelled out in the offer section.
BASES = {
    "sel-141-1": "Serviceloven § 141, stk. 1 (kommunen kan tilbyde en handleplan)",
    "sel-141-2": "Serviceloven § 141, stk. 2 (kommunen skal tilbyde en handleplan)",
    "sel-142": "Serviceloven § 142 (ophold på forsorgshjem eller herberg efter § 110)",
    "sel-141-7": "Serviceloven § 141, stk. 7 (én samlet plan med borgerens samtykke)",
}
# The citizen's answer to the offer.
DECISIONS = {
    "pending": "Borgeren har endnu ikke svaret",
    "accepted": "Borgeren har taget imod tilbuddet",
    "declined": "Borgeren har takket nej",
}
# Sub-goal status.
STATUSES = {"not_started": "Ikke startet", "in_progress": "I gang",
            "achieved": "Nået", "dropped": "Opgivet"}
# Follow-up outcomes (§ 148, stk. 2); their FFB status is the model's OUTCOME_FFB.
OUTCOMES = {"continue": "Fortsættes", "change": "Ændres", "close": "Afsluttes"}
# A goal's type (FFB/VUM 2.0), printed under the goal's heading.
GOAL_KINDS = {"develop": "Udvikle", "maintain": "Fastholde", "limit_loss": "Begrænse tab"}
GOAL_KIND_LABEL = "Måltype"
# One-line explanations of the Housing First methods, printed under the services.
METHODS = {
    "CTI": "CTI (Critical Time Intervention): tidsafgrænset bostøtte i ca. 9 måneder i tre "
           "faser – overgang til egen bolig, afprøvning og overdragelse – med én fast CTI-medarbejder.",
    "ICM": "ICM (Intensive Case Management): bostøtte uden tidsgrænse, hvor én ICM-medarbejder "
           "koordinerer og bygger bro til de øvrige tilbud.",
    "ACT": "ACT (Assertive Community Treatment): opsøgende støtte uden tidsgrænse fra et "
           "tværfagligt team med bl.a. psykiater, sygeplejerske, misbrugsbehandler og sagsbehandler.",
}
# § 141, stk. 3, nr. 4: the printed heading of each other matter (the matters
# themselves, and their order, are the model's: Circumstances.items()).
CIRCUMSTANCE_LABELS = {
    "housing": "Boform", "employment": "Beskæftigelse", "personal_help": "Personlig hjælp",
    "treatment": "Behandling", "aids": "Hjælpemidler", "finances": "Økonomi",
    "health": "Helbred", "network": "Netværk", "other": "Andet",
}
# The parts of a plan a consent covers or a hand-over hands over (the model's SECTIONS),
# as the partners' table, the hand-overs' and a partner's extract name them.
SECTION_LABELS = {"purpose": "Formål", "goals": "Mål og delmål", "services": "Indsatser",
                  "duration": "Forventet varighed", **CIRCUMSTANCE_LABELS}
# Services given one by one ("service:<id>"), named by their count, never by title.
SERVICES_ALONE = ("1 indsats", "{count} indsatser")


def services_alone(count: int) -> str:
    """ "1 indsats", "3 indsatser": the services a consent or hand-over gives one by one."""
    return SERVICES_ALONE[0] if count == 1 else SERVICES_ALONE[1].format(count=count)

# Section headings, in print order.
H_PARTIES = "Borger og sagsbehandler"
H_OFFER = "Tilbud om handleplan"
H_WORDS = "Borgerens egne ord"
H_RESOURCES = "Borgerens ressourcer"
H_PURPOSE = "1. Formål med indsatsen"
H_GOALS = "Mål og delmål"
H_SERVICES = "2. Indsatser"
H_DURATION = "3. Forventet varighed"
H_CIRCUMSTANCES = "4. Andre særlige forhold"
H_PARTNERS = "Samarbejdsparter"
H_HANDOVERS = "Udlevering efter § 141, stk. 5"
H_FOLLOW_UP = "Opfølgning"
H_SIGNATURES = "Underskrifter"

# Table headers.
GOAL_HEADER = ("Delmål", "Hvordan ved vi, at det er nået?", "Ansvarlig", "Frist", "Status")
SERVICE_HEADER = ("Indsats", "Lovgrundlag", "Udfører", "Omfang", "Start", "Slut", "Metode")
PARTNER_HEADER = ("Navn", "Organisation og rolle", "Kontakt", "Samtykke", "Omfang", "Udløber")
HANDOVER_HEADER = ("Udleveret til", "Dele af planen", "Dato")
PHASE_HEADER = ("Fase", "Start", "Slut")
# Under each service: the goals it serves (goal titles), "Mål nr. 2" for a
# goal without a title, or that it serves none.
SERVICE_GOALS = "Mål: {goals}"
UNTITLED_GOAL = "Mål nr. {number}"
NO_SERVICE_GOALS = "Ikke knyttet til et mål"
HISTORY_HEADER = ("Dato", "Resultat", "Indsatsstatus (FFB)", "Bemærkning")
# Under a service, after its goals: who takes over when it ends.
SERVICE_TAKES_OVER = "Overtages bagefter af: {who}"
# Under a matter of § 141, stk. 3, nr. 4 the plan leaves out on purpose.
NOT_RELEVANT = "Ikke relevant for planen. Begrundelse: {reason}"
NOT_RELEVANT_NO_REASON = "Ikke relevant for planen."

# What an empty required part says, so a gap is visible, not hidden.
NOT_FILLED = "Ikke udfyldt."
NOT_SET = "Ikke fastsat"
NO_GOALS = "Der er endnu ikke formuleret mål."
NO_SUBGOALS = "Der er endnu ikke formuleret delmål til dette mål."
NO_SERVICES = "Der er endnu ikke aftalt indsatser."
NO_CIRCUMSTANCES = "Der er ikke noteret andre særlige forhold."
NO_PARTNERS = "Der er ikke noteret samarbejdsparter."

# First in a revision: the signed version it replaces ({signed}: " af <dato>" or "").
REPLACES = "Denne version erstatter den underskrevne version {version}{signed}."

# The statement over the signature lines.
SIGN_PLAN = ("Handleplanen er udarbejdet sammen med borgeren og tager udgangspunkt i borgerens "
             "egen situation. Handleplanen er ikke en afgørelse: de indsatser, der står i planen, "
             "bevilges ved særskilte afgørelser.")
SIGN_WITHOUT_CITIZEN = ("Borgeren har ikke ønsket at medvirke, og handleplanen er udarbejdet af "
                        "kommunen ud fra de oplysninger, kommunen har. Handleplanen er ikke en "
                        "afgørelse: de indsatser, der står i planen, bevilges ved særskilte afgørelser.")
SIGN_DECLINED = ("Borgeren er tilbudt en handleplan og har takket nej. Det er ikke en afgørelse, "
                 "og borgeren kan til enhver tid bede om at få en handleplan.")
# Signature line labels.
SIGN_CITIZEN = "Borgerens underskrift"
SIGN_CASEWORKER = "Sagsbehandlerens underskrift"
# In the citizen's signature line, in place of the date, when the citizen did
# not wish to sign; the caseworker's note follows.
CITIZEN_WILL_NOT_SIGN = "Borgeren ønsker ikke at underskrive"
# A blank to write the date on by hand.
BLANK = "________________"

# § 142: the citizen did not wish to take part; the plan is made all the same.
# § 142 is only referred to, never quoted (templates/legal.toml: referred_only).
NOT_TAKING_PART = "Borgeren har ikke ønsket at medvirke til planen{reason}."
NOT_TAKING_PART_REASON = " (begrundelse: {reason})"
MADE_WITHOUT_CITIZEN = ("Kommunen har udarbejdet planen ud fra de oplysninger, kommunen har, "
                        "jf. serviceloven § 142.")
# The § 110 stay of a § 142 plan, the bostøtte wish and the discharge conditions.
# A heading never breaks between "§" and its number, nor inside "stk. 5" (no-break spaces).
H_STAY = "Ophold på forsorgshjem eller herberg (serviceloven §\u00a0110)"
H_DISCHARGE = "Betingelser for udskrivning (serviceloven §\u00a0110, stk.\u00a05)"
DISCHARGE_HEADER = ("Betingelse", "Opfyldt")
# The conditions in the law's order, nr. 1 (a plan exists) being this plan itself.
DISCHARGE_CONDITIONS = (
    ("plan", "Nr. 1: Der er udarbejdet en plan efter § 141 eller § 142"),
    ("home_or_place", "Nr. 2: Borgeren har fået anvist en bolig, eller der er truffet afgørelse "
                      "om et botilbud efter § 107 eller § 108"),
    ("support_decided", "Nr. 3: Der er truffet afgørelse om støtte, der svarer til borgerens "
                        "behov for at kunne bo i boligen"),
    ("lease_signed", "Nr. 4: Lejekontrakten er underskrevet, og borgeren kan flytte ind med "
                     "støtten"),
)
HELD, NOT_HELD, THIS_PLAN = "Ja", "Nej", "Ja (denne plan)"
DISCHARGE_ALL_HOLD = "Alle betingelser for udskrivning er opfyldt."
DISCHARGE_NOT_YET = "Ikke alle betingelser for udskrivning er opfyldt endnu."
WISH_NOT_FOLLOWED = "Nej. Begrundelse: {reason}"
WISH_NOT_FOLLOWED_NO_REASON = "Nej. Begrundelsen er ikke skrevet."

# § 141, stk. 7: the helhedsorienteret plan's opening and the heading of each law's part.
COORDINATED_OPENING = ("Planen er en helhedsorienteret plan efter serviceloven § 141, stk. 7, "
                       "og træder i stedet for: {plans}.")
COORDINATED_REPLACES_NOTHING = ("Planen er en helhedsorienteret plan efter serviceloven § 141, "
                                "stk. 7. Det er ikke angivet, hvilke planer den træder i stedet for.")
CONSENT_GIVEN = "Borgeren har givet samtykke til den samlede plan den {date}{how}."
CONSENT_MISSING = "Borgerens samtykke til den samlede plan er ikke registreret."
H_PART_SOCIAL = "Serviceloven §\u00a0141 – den sociale del"
H_PART_EMPLOYMENT = "Beskæftigelsesdelen (lov om en aktiv beskæftigelsesindsats §\u00a030\u00a0b)"
H_PART_COMMON = "Fælles for hele planen"
