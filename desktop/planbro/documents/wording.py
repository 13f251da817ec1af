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
    "sel-141-7": "Helhedsorienteret plan efter serviceloven § 141, stk. 7",
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
# Follow-up outcomes (§ 148, stk. 2).
OUTCOMES = {"continue": "Fortsættes", "change": "Ændres", "close": "Afsluttes"}
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

# Section headings, in print order.
H_PARTIES = "Borger og sagsbehandler"
H_OFFER = "Tilbud om handleplan"
H_WORDS = "Borgerens egne ord"
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
HISTORY_HEADER = ("Dato", "Resultat", "Bemærkning")

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
