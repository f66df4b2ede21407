"""Tables the quote extractor reads: quotation marks, speech cues, pronouns, name shapes.

Each entry carries its reason; adding a language or a cue is a table change.
"""

from __future__ import annotations

import re

# Opening mark -> the marks that close it. "»" opens in German/Scandinavian print (»…«) and
# closes in French (« … »); the scanner tries the pairings in this order.
QUOTE_PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”", "’’", "“"),  # English; AP copy closes with two apostrophes; German closes „ with “
    "„": ("“", "”", "‟"),  # German, Polish, Czech low-high
    "«": ("»",),  # French, Spanish, Italian, Russian guillemets
    "»": ("«",),  # German reversed guillemets
    '"': ('"',),  # typewriter quotes
    "「": ("」",),  # CJK
    "『": ("』",),  # CJK nested
    "‘": ("’",),  # British single quotes; an apostrophe inside a word never opens or closes
    "‚": ("‘", "’"),  # German single low-high
}
# Small words that stay lower case in titles ("Journal of Clinical and Translational Research").
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "with", "at", "by", "from",
     "der", "die", "das", "und", "von", "für", "im", "de", "la", "le", "les", "et", "du", "des",
     "el", "los", "las", "y", "del", "en"}
)  # fmt: skip
# Quotes shorter than this many words are scare quotes, titles or terms, not quotations.
MIN_QUOTE_WORDS = 4

# Attribution cues by language: verbs and phrases that credit a quote to a speaker.
# Longer phrases first so "told reporters" wins over "told".
SPEECH_CUES: dict[str, tuple[str, ...]] = {
    "en": (
        "said in a statement", "told reporters", "according to", "told",
        "said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "stated", "explained",
        "noted", "argued", "insisted", "warned", "declared", "claimed", "replied", "recalled",
        "continued", "urged", "announced", "acknowledged", "admitted", "suggested",
        "commented", "conceded", "confirmed", "posted", "tweeted", "remarked", "observed",
        "responded", "stressed", "emphasized", "emphasised", "predicted", "cautioned",
        "complained", "joked", "concluded", "testified", "shouted", "pointed out", "called",
        "described", "calls", "describes", "promised", "saying", "adding", "telling", "explaining",
        "warning", "arguing", "insisting", "noting", "tells", "recounted", "reiterated",
        "shared", "quipped", "began", "went on", "replies", "answered", "explains", "notes",
        "recalls", "adding", "admits", "argues", "insists", "warns", "claims",
        "reported", "reports", "lamented", "uttered", "asserted", "asserting", "asserts",
        "pledged", "pledging", "sang", "singing", "sings", "vowed", "vowing", "countered",
        "revealed", "maintained", "contended", "exclaimed", "boasted", "demanded", "pleaded",
        "mused", "charged", "alleged", "states",
    ),
    "de": (
        "fügte hinzu", "teilte mit", "sagte", "sagt", "erklärte", "erklärt", "betonte",
        "betont", "meinte", "meint", "schrieb", "schreibt", "forderte", "fordert", "warnte",
        "warnt", "kritisierte", "kritisiert", "räumte ein", "so", "zufolge", "laut",
        "berichtete", "sagte der", "sagte die", "ergänzte", "ergänzt", "unterstrich",
        "bekräftigte", "versicherte", "kündigte an", "hieß es", "nannte", "nennt", "mahnte",
        "mahnt", "bilanzierte", "resümierte", "hob hervor", "zitiert", "sprach von",
        "spricht von", "sprach", "berichtet", "berichtete", "erzählt", "erzählte", "fügt hinzu",
        "findet", "fand", "glaubt", "zugab", "einräumte", "ließ", "sang", "sangen", "singt",
        "meinte", "ergänzte", "antwortete", "entgegnete", "klagte", "beklagte", "lobte",
    ),
    "fr": (
        "a-t-il déclaré", "a-t-elle déclaré", "a-t-il dit", "a-t-elle dit", "a-t-il ajouté",
        "a-t-elle ajouté", "a déclaré", "a dit", "a affirmé", "a expliqué", "a ajouté",
        "a souligné", "a indiqué", "a estimé", "a assuré", "a précisé", "selon", "dit-il",
        "dit-elle", "explique", "affirme", "estime", "souligne", "déclare", "ajoute",
        "précise", "assure", "indique", "a lancé", "a martelé", "a réagi", "a regretté",
        "a rappelé", "a reconnu", "a insisté", "a prévenu", "poursuit", "conclut", "lance",
        "martèle", "regrette", "rappelle", "reconnaît", "insiste", "prévient", "juge",
        "a fait valoir", "fait valoir", "a confié", "confie", "argumente", "dit", "a lancé",
        "s’inquiète", "s'inquiète", "a averti", "avertit", "a réagi", "a jugé", "a estimé",
    ),
    "es": (
        "dijo", "afirmó", "aseguró", "explicó", "señaló", "declaró", "según", "indicó",
        "agregó", "añadió", "sostuvo", "manifestó", "expresó", "advirtió", "subrayó",
        "destacó", "apuntó", "comentó", "dice", "afirma", "asegura", "explica", "señala",
        "lamentó", "criticó", "reconoció", "insistió", "recordó", "denunció", "aseveró",
        "puntualizó", "concluyó", "calificó", "replicó", "contestó", "respondió", "espetó",
        "zanjó", "confesó", "rememoró", "abundó", "ironizó", "admitió", "reconoce", "añade",
        "agrega", "sentenció", "remarcó", "lamenta", "advierte", "anunció", "insiste", "diciendo",
        "señalando", "afirmando", "asegurando", "explicando", "escribió", "reaccionó",
    ),
}  # fmt: skip
# Cues whose following name is the listener ("…,” Al Saud told El Saife): never inverted.
LISTENER_CUES = frozenset({"told", "tells", "telling", "asked", "asks", "asking"})
# Cues that come before the speaker's name ("according to X", "laut X", "selon X").
PREFIX_CUES = frozenset({"according to", "zufolge", "laut", "selon", "según", "so"})

# Conjunctions and adverbs that never describe a speaker ("kritisierte aber die Deckelung").
NOT_ROLE_WORDS = frozenset(
    {"but", "and", "also", "then", "however", "aber", "und", "auch", "jedoch", "dann", "noch", "a", "to",
     "à", "al",
     "et", "mais", "aussi", "puis", "y", "pero", "también", "luego"}
)  # fmt: skip
# Prepositions: a name after them is no speaker ("wrote on X", "MEC for Traditional Affairs").
PREPOSITIONS = frozenset(
    {"on", "in", "at", "to", "from", "with", "for", "of", "about", "by", "into", "during",
     "an", "auf", "mit", "bei", "im", "am", "vom", "von", "für", "über", "zu", "zum", "zur", "nach",
     "vor", "gegenüber", "sur", "dans", "pour", "avec", "au", "aux", "du", "des", "en", "por",
     "para", "con", "del", "al", "sobre", "tras", "ante"}
)  # fmt: skip
# Words after "…”," that are no verb of saying: conjunctions and relative pronouns.
NOT_VERBS = NOT_ROLE_WORDS | frozenset(
    {"or", "which", "who", "that", "while", "as", "with", "in", "on", "at", "for", "to", "from",
     "a", "an", "the", "is", "was", "are", "were", "not", "oder", "die", "der", "das", "wie",
     "weil", "dass", "ob", "mit", "im", "für", "que", "qui", "o", "con", "en", "por", "para",
     "ou", "avec", "dans", "pour", "sur", "de", "la", "le", "el", "les", "los", "las"}
)  # fmt: skip
# Words ending in a dot that do not end a sentence: titles, and abbreviations of names and places.
ABBREVIATIONS = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col",
     "Capt", "Sgt", "Rev", "No", "Nr", "Inc", "Co", "Corp", "Ltd", "vs", "etc", "Jan", "Feb",
     "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mo", "Calif", "Mass", "Wis", "Conn",
     "Ariz", "Fla", "Ill", "Mich", "Minn", "Penn", "Tenn", "Tex", "Va", "Wash", "Ore", "Ky", "La",
     "Md", "Mt", "Ft", "Bros", "Dept", "Univ", "bzw", "ca", "Hr", "Fr", "Mme", "Mlle"}
)  # fmt: skip
# Pronouns that stand for the last named speaker.
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "er", "sie", "il", "elle", "ils", "elles", "él", "ella", "ellos"}
)  # fmt: skip
# "It said": an organisation or a document, never a person.
THING_PRONOUNS = frozenset({"it"})

PLURAL_PRONOUNS = frozenset({"they", "ils", "elles", "ellos", "ellas"})
# Role nouns that tell a person's gender ("the mother of four", "Sängerin Nina Chuba").
GENDERED_ROLES = {
    "mother": "f", "father": "m", "wife": "f", "husband": "m", "woman": "f", "man": "m",
    "daughter": "f", "son": "m", "sister": "f", "brother": "m", "grandmother": "f",
    "grandfather": "m", "spokeswoman": "f", "spokesman": "m", "chairwoman": "f", "chairman": "m",
    "businesswoman": "f", "businessman": "m", "actress": "f", "girl": "f", "boy": "m",
    "mom": "f", "dad": "m", "mum": "f", "sängerin": "f", "sänger": "m", "trainerin": "f",
    "sprecherin": "f", "ministerin": "f", "präsidentin": "f", "mutter": "f", "vater": "m",
    "frau": "f", "mann": "m", "la ministre": "f", "la présidente": "f", "la secrétaire": "f",
}  # fmt: skip
# Head nouns of descriptions that stand for an organisation ("the agency warns"); "the lawmakers"
# of a committee speak for it.
ORGANISATION_WORDS = frozenset(
    {"agency", "ministry", "department", "committee", "company", "bureau", "group", "organisation",
     "organization", "firm", "government", "council", "office", "center", "centre", "service",
     "lawmakers", "legislators", "panel", "commission", "board", "authority", "party", "union",
     "club", "university", "institute", "police", "court", "army", "military", "navy", "ngo",
     "agentur", "ministerium",
     "regierung", "behörde", "verband", "unternehmen", "ministère", "gouvernement", "ministerio",
     "gobierno"}
)  # fmt: skip
# Descriptions of lawmakers that speak for the committee or parliament the article names.
LEGISLATIVE_WORDS = frozenset({"lawmakers", "legislators", "committee", "panel", "abgeordneten"})
LEGISLATURE_NAMES = frozenset(
    {"Committee", "Parliament", "Congress", "Senate", "Assembly", "Bundestag", "Landtag",
     "Ausschuss", "Commons"}
)  # fmt: skip
# Documents whose words are credited to their author ("The Conservatives' letter said").
DOCUMENT_WORDS = frozenset(
    {"letter", "statement", "report", "brochure", "documents", "document", "proclamation",
     "study", "filing", "memo", "release", "post", "website", "site", "budget", "guidance",
     "order", "ruling", "judgment", "complaint", "lawsuit", "petition", "manifesto", "leaflet",
     "booklet", "pamphlet", "survey", "paper", "review", "analysis"}
)  # fmt: skip

# Honorifics that tell a person's gender, and the pronouns that must agree with it: a "she said"
# does not point back to "M. Macron".
GENDERED_HONORIFICS = {
    "Mr": "m", "Mister": "m", "Sir": "m", "Lord": "m", "Herr": "m", "M": "m", "Monsieur": "m",
    "Señor": "m", "Sr": "m", "Ms": "f", "Mrs": "f", "Miss": "f", "Dame": "f", "Lady": "f",
    "Frau": "f", "Mme": "f", "Madame": "f", "Mlle": "f", "Señora": "f", "Sra": "f",
}  # fmt: skip
GENDERED_PRONOUNS = {"he": "m", "er": "m", "il": "m", "él": "m", "she": "f", "elle": "f", "ella": "f"}
# Words that may sit inside a name in lower case: particles of surnames.
NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "des",
     "bin", "al", "ibn", "ter", "zu", "y"}
)  # fmt: skip
# Capitalised words that begin a sentence or a title and are never a speaker's name.
# Titles and ranks printed before a name: "Economy Minister Marcelo Ebrard" is Marcelo Ebrard.
TITLES = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Herr", "Frau", "President", "Minister", "Chief", "Sen", "Rep", "Gov",
     "Prof", "Councillor", "Councilor", "Ald", "Alderman", "Alderwoman", "Superintendent", "Deputy",
     "Mayor", "Governor", "Senator", "Representative", "Judge", "Justice", "General", "Gen",
     "Col", "Lt", "Sgt", "Officer", "Detective", "Inspector", "Commissioner", "Director",
     "Secretary", "Chancellor", "Premier", "Prime", "King", "Queen", "Prince", "Princess",
     "Pope", "Bishop", "Father", "Rev", "Sir", "Dame", "Lord", "Lady", "Coach", "Captain",
     "Capt", "Major", "Major-Gen", "Maj-Gen", "Lt-Gen", "Brig", "Professor", "Doctor", "Madame",
     "Admiral", "Rear", "Ambassador", "Chairman", "Chairwoman", "Commander", "Colonel",
     "Lieutenant", "Sergeant", "Marshal", "Brigadier", "Adv", "Advocate", "Papst", "Kardinal",
     "Bischof", "Monsieur", "Mme", "M", "Señor", "Señora", "Sr", "Sra", "Don", "Doña", "MK", "MP"}
)  # fmt: skip
NOT_NAMES = TITLES | frozenset(
    {"The", "A", "An", "In", "On", "But", "And", "Meanwhile", "However", "He", "She", "They",
     "It", "We", "I", "You", "This", "That", "Der", "Die", "Das", "Ein", "Eine", "Er", "Sie",
     "Es", "Le", "La", "Les", "Il", "Elle", "El", "Los", "Las", "Mr", "Mrs", "Ms", "Dr",
     "Herr", "Frau", "President", "Minister", "Chief", "Sen", "Rep", "Gov", "Prof",
     "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
     "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
     "Last", "Earlier", "Later", "Yesterday", "Today", "At", "For", "With", "After", "All",
     "Though", "Although", "Because", "Since", "Until", "Unless", "Whether",
     "First", "Second", "Finally", "Now", "Then", "Still", "Yet", "Instead", "Indeed", "Overall",
     "Wir", "Ich", "Man", "Nous", "Je", "Nosotros", "Yo",
     "Another", "One", "Both", "Some", "Many", "Others", "When", "While", "If", "As", "Asked", "Speaking",
     # sentence-initial adverbs and conjunctions (German capitalises the first word too)
     "Dennoch", "Auch", "Doch", "Jetzt", "Dann", "Damals", "Heute", "Nun", "Zudem", "Außerdem",
     "Allerdings", "Trotzdem", "Deshalb", "Daher", "So", "Aber", "Und", "Oder", "Denn", "Später",
     "Gestern", "Zuletzt", "Inzwischen", "Mittlerweile", "Laut", "Wie", "Als", "Nach", "Bei",
     "Mais", "Puis",
     "Ainsi", "Pero", "Según", "Además", "Sin", "Pour", "Selon",
     # German determiners and contracted prepositions ("Sein Trainer", "Am Dienstag")
     "Sein", "Seine", "Ihr", "Ihre", "Unser", "Unsere", "Am", "Im", "Beim", "Zum", "Zur", "Vom",
     "Mit", "Für", "Über", "Unter", "Vor", "Seit", "Während", "Wegen", "Dem", "Den", "Des"}
)  # fmt: skip
# Languages that capitalise every noun: a capitalised word found by its place alone is no name.
CAPITALISED_NOUN_LANGUAGES = frozenset({"de", "lb"})
# Endings of German nouns, never of names ("Landesregierung", "Erleuchtungen", "Nationalmannschaft").
GERMAN_NOUN_ENDINGS = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "ismus", "tät",
    "täten", "tion", "tionen", "nisse", "tum", "tümer", "ierung", "säure", "faktor", "chen", "lein",
)  # fmt: skip
# Capitalised words that open a sentence or clause and never begin a name: prepositions,
# conjunctions, determiners, question words and months ("Zu Besuch", "Wenn Moss", "Mitte Dezember").
SENTENCE_WORDS = frozenset(
    {w.capitalize() for w in PREPOSITIONS - NAME_PARTICLES}
    | {"Zu", "Ob", "Um", "Wenn", "Dass", "Jeder", "Jede", "Jedes", "Diesen", "Dieser", "Diese",
       "Dieses", "Alle", "Viele", "Einige", "Mehr", "Noch", "Schon", "Nur", "Ganz", "Immer",
       "Bereits", "Etwa", "Wer", "Was", "Warum", "Wo", "Wann", "Weil", "Obwohl", "Damit", "Dabei",
       "Dafür", "Hier", "Dort", "Zwar", "Weder", "Sowohl", "Entweder", "Gerade", "Vielleicht",
       "Kein", "Keine", "Mitte",
       "Anfang", "Ende", "Richtung", "Bis", "Gegen", "Ohne", "Durch", "Aus", "Neben", "Zwischen",
       "Trotz", "Statt", "Zunächst", "Bislang", "Derzeit", "Aktuell", "Bisher", "Insgesamt",
       "Among", "Beyond", "Several", "Despite", "During", "Under", "Over", "Through", "Without",
       "Within", "Against", "Amid", "Perhaps", "Maybe", "Even", "Just", "Only", "Every", "Each",
       "Most", "Such", "Those", "These", "There", "Here", "What", "Why", "Where", "How", "Who",
       "Which", "Dans", "Avec", "Sans", "Chez", "Quand", "Depuis", "Pendant", "Après", "Avant",
       "Contre", "Cette", "Ce", "Ces", "Para", "Con", "Desde", "Durante", "Tras", "Cuando",
       "Aunque", "Este", "Esta", "Estos", "Estas", "My", "Our", "Your", "His", "Her", "Their", "Its",
       "Mein", "Meine", "Unser", "Unsere", "Mon", "Ma", "Mes", "Notre", "Mi", "Nuestro", "Nuestra",
       "January", "February", "March", "April", "June", "July", "August", "September", "October",
       "November", "December", "Januar", "Februar", "März", "Juni", "Juli", "Oktober", "Dezember",
       "Frühjahr", "Sommer", "Herbst", "Winter"}
)  # fmt: skip
# Capitalised role nouns before a name ("Bauministerin Katrin Vogel", "Verbandspräsident …"):
# German capitalises them, so they look like part of the name.
ROLE_WORD_RE = re.compile(
    r"(?:berater|beraterin|autor|autorin|arzt|ärztin|coach|politiker|politikerin|geschäftsführer|"
    r"geschäftsführerin|forscher|forscherin|professor|professorin|ökonom|ökonomin|analyst|analystin|"
    r"journalist|journalistin|reporter|reporterin|chefökonom|chefökonomin|"
    r"minister|ministerin|präsident|präsidentin|sprecher|sprecherin|chef|chefin|vorsitzender?|"
    r"direktor|direktorin|leiter|leiterin|kanzler|kanzlerin|bürgermeister|bürgermeisterin|"
    r"abgeordneter?|experte|expertin|senator|senatorin|trainer|trainerin|anwalt|anwältin|"
    r"loge|login|beauftragter?|beauftrage|kollege|kollegin|spieler|spielerin|kapitän|kapitänin|stürmer|stürmerin|torhüter|torhüterin|"
    r"sänger|sängerin|musiker|musikerin|schauspieler|schauspielerin|"
    r"gouverneur|premier|secretary|spokesman|spokeswoman|spokesperson|author|writer|analyst|"
    r"editor|editor-in-chief|founder|publisher|correspondent|manager|"
    r"economist|lecturer|researcher|expert|activist|lawyer|attorney|chairman|chairwoman|ceo)$",
    re.I,
)
# Words that make a capitalised phrase an organisation, place or thing rather than a person:
# a pronoun's antecedent is looked for among people.
NON_PERSON_WORDS = frozenset(
    {"Government", "Strategy", "Court", "News", "Service", "Services", "Department", "Ministry",
     "Party", "Council", "Agency", "Center", "Centre", "University", "Company", "Bank", "Group",
     "League", "Open", "City", "Street", "House", "Office", "Committee", "Association", "Union",
     "Commission", "Institute", "Foundation", "Police", "Army", "Forces", "Times", "Post",
     "Journal", "Press", "Media", "Airport", "Station", "School", "College", "Hospital", "Club",
     "Bowl", "Cup", "Championship", "Awards", "Festival", "Act", "Bill", "Plan", "Program",
     "Programme", "Project", "Report", "Survey", "Index", "Day", "Week", "Journey", "Republic",
     "Kingdom", "States", "Nations", "Regierung", "Ministerium", "Partei", "Stadt", "Haus",
     "Alliance", "Coalition", "Network", "Federation", "Fund", "Trust", "Society", "Authority",
     "Corporation", "Ltd", "Inc", "Watch", "Forum", "Movement", "Organisation", "Organization",
     "Initiative", "Navy", "Force", "Bureau", "Administration", "Universität", "Institut",
     "Verband", "Stiftung", "Gruppe", "Interview", "Podcast", "Technology", "Technologies",
     "Systems", "Solutions", "Instagram", "Twitter", "Facebook", "TikTok", "YouTube"}
)  # fmt: skip
# Role nouns of people who speak for an organisation: "a Google spokesperson" is Google.
SPOKESPERSON_WORDS = frozenset(
    {"spokesperson", "spokesman", "spokeswoman", "representative", "official", "officials",
     "statement", "sprecher", "sprecherin", "porte-parole", "portavoz"}
)  # fmt: skip
# A capitalised word (Latin scripts, with hyphens, apostrophes and initials such as "J.").
NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-ÿ]{0,2}\.|[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*(?![\w'’\-]))"  # "Jr.", "J.", "Borrell"
NAME_RE = re.compile(rf"{NAME_WORD}(?:\s+(?:(?:{'|'.join(sorted(NAME_PARTICLES))}|&)\s+)?{NAME_WORD}){{0,5}}")
