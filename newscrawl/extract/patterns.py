"""Data tables the extractors read: tags, class/id patterns, text patterns, date keys.

Each entry carries a one-line reason. The algorithms in the sibling modules read these
tables; adding a case here should not need a code change.
"""

from __future__ import annotations

import re

# --- JSON-LD types --------------------------------------------------------------------
ARTICLE_LD_TYPES = frozenset(
    {
        "Article",  # generic schema.org article
        "NewsArticle",  # news sites
        "ReportageNewsArticle",  # wire and reportage
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "LiveBlogPosting",  # live pages are articles too
        "BlogPosting",  # blogs
        "Report",
        "ScholarlyArticle",
        "TechArticle",
    }
)
LISTING_LD_TYPES = frozenset(
    {
        "CollectionPage",  # section / tag pages
        "ItemList",  # lists of teasers
        "SearchResultsPage",  # site search
        "ProfilePage",  # author pages
    }
)

# --- Cleaning: whole subtrees dropped before looking for the body ----------------------
DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "form", "button", "input", "select", "textarea", "label",  # forms: comment/newsletter/search
    "nav",  # menus and breadcrumbs
    "aside",  # sidebars, pull-outs, related boxes
    "footer",  # page and article footers
    "figure", "figcaption", "picture", "video", "audio",  # media with captions and credits
    "dialog", "menu",
)  # fmt: skip

# ARIA landmark roles that are never article text.
DROP_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu"}
)

# Tokens in class/id that mark boilerplate. Matched against the class/id value split on
# non-alphanumerics, so "share-bar" and "td_block_social_counter" hit "share"/"social".
# A subtree holding half of the page's paragraph text is kept whatever its tokens say.
BOILERPLATE_TOKENS = frozenset(
    {
        "ad", "ads", "adv", "advert", "advertisement", "advertising", "adsbygoogle", "adslot",
        "sponsor", "sponsored", "dfp", "outbrain", "taboola",  # ad slots
        "share", "sharing", "shares", "social", "sociallinks", "follow", "addthis", "sharethis",
        "shariff", "counter",  # share/follow widgets and counters
        "comment", "comments", "respond", "reply", "disqus", "discussion",  # comment sections
        "newsletter", "subscribe", "subscription", "signup", "optin", "mailchimp",  # sign-up boxes
        "cookie", "cookies", "consent", "gdpr", "cmpbox",  # cookie banners (not "cmp": AEM's
        # core components are all "cmp-*", "cmp-text" included)
        "related", "recommended", "recommendations", "latest", "popular", "trending",
        "readmore", "promo",  # related/latest lists and promos
        "breadcrumb", "breadcrumbs", "crumbs", "pagination", "pager", "navbar", "menu",
        "sidebar", "footer", "masthead", "topbar",  # page chrome
        "caption", "credit", "credits", "gallery", "slideshow", "player",  # media furniture
        "modal", "popup", "overlay", "skip", "login", "toolbar",  # UI
        "rating", "ratings", "notification", "notifications",  # star ratings, push-notification prompts
        "infobox", "factbox", "faktenbox", "infokasten",  # fact boxes beside the story
        "recirculation",  # "more from us" modules
        "kommentar", "kommentare",  # German comment sections
    }
)  # fmt: skip
# Weaker tokens: also used on article containers by some CMSs (WordPress puts
# "tag-foo category-bar" on <article>), so they only drop subtrees with little text.
WEAK_BOILERPLATE_TOKENS = frozenset(
    {
        "byline", "author", "authors", "bio", "meta", "date", "time", "timestamp",
        "published", "updated",  # bylines and dates: read as metadata, not body
        "tags", "tag", "keywords", "topics", "category", "categories",  # tag lists
        "header", "more", "nav", "banner", "video", "embed", "sr", "visually", "hidden",
        "info", "links", "tools", "actions", "icons", "teaser", "teasers",
        "widget", "widgets",  # sidebar boxes, but page builders (Elementor) wrap the text in widgets too
        "legend", "disclosure", "affiliate",  # picture legends, affiliate/advertising disclosures
        "toc", "cta",  # tables of contents, calls to action (unclosed CTA boxes swallow articles)
    }
)  # fmt: skip
# Tokens of an article's lead / standfirst: the element stays, and so does a weak-token
# container around it (the lead often sits in the article's header).
LEAD_TOKENS = frozenset(
    {"lead", "intro", "standfirst", "summary", "excerpt", "abstract", "dek", "deck", "lede",
     "subtitle", "subheadline", "description", "chapo", "chapeau", "vorspann", "einleitung",
     "entradilla", "bajada"}
)  # fmt: skip
# Words after which the next class word names something the element is not: negations
# ("non-paywall", "no-ads") and states of a container ("has-sidebar", "with-comments",
# "has--gallery": the element holds such a thing beside its own content).
NEGATION_TOKENS = frozenset({"non", "no", "not", "without", "kein", "ohne", "has", "with"})
# An author/byline word together with one of these names a box about the writer (bio, photo,
# links: "author-box", "author-card", "about-author", "author__description"), not the byline.
AUTHOR_TOKENS = frozenset({"author", "authors", "autor", "autoren", "auteur"})
AUTHOR_BOX_TOKENS = frozenset({"box", "card", "bio", "biography", "description", "about", "profile"})
# Weak tokens whose container stays when it holds link-free sentence text (a TYPO3
# "teaser-text" lead, an article "header" with the standfirst): unlike bylines, bios,
# hidden text and paywall prompts, these words name a layout role, not a kind of text.
WEAK_LAYOUT_TOKENS = frozenset({"teaser", "teasers", "header", "widget", "widgets"})
# Tags that never hold article text; dropped unconditionally.
NON_TEXT_TAGS = frozenset({"script", "style", "template", "svg", "canvas", "object", "embed", "iframe"})

# Class names that name the post's taxonomy, not its role (WordPress post_class/body_class:
# "category-sharing", "tag-social-media"): their words say nothing about boilerplate.
TAXONOMY_CLASS_RE = re.compile(r"^(?:category|tag|format|status|type|postid)-|^post-\d+$")

# One class name that marks the article body ("td-post-content", "article__body",
# "storyBody"); "Page-storyBody-footer" is not one: the name must end in the content word.
CONTENT_CLASS_RE = re.compile(
    r"^(?:[a-z0-9]+[-_]+)*(?:article|entry|post|story|news)[-_]{0,2}(?:body|content|text|inner)"
    r"(?:[-_]+\d+)?$|^(?:article|story|articlebody|main-content)$",
    re.I,
)
# Strong boilerplate words also caught inside compound tokens ("jp-relatedposts",
# "sharedaddy", "socialshare"): a token that starts or ends with one of them.
BOILERPLATE_AFFIX_RE = re.compile(
    r"^(?:related|share|social|comment|kommentar|newsletter|cookie|breadcrumb|sidebar|promo(?!ted)|"
    r"sponsor|advert|subscribe|recommend|popular|trending|outbrain|taboola)"
    r"|(?:related|sharing|social|comments|newsletter|cookies?|breadcrumbs?|sidebar|"
    r"promo|sponsored|advert|subscribe|recommended|popular|trending)$"
)

# Block-level tags: each closes the current paragraph.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
        "tbody", "thead", "hr", "address", "center", "details", "summary",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Sub-headings that keep a weak-token container (a live update's header, a standfirst h2).
SUBHEADING_TAGS = frozenset({"h2", "h3"})
# Elements whose text counts as paragraph text when scoring containers.
PARAGRAPH_TAGS = frozenset({"p", "blockquote", "pre", "li", "h2", "h3", "h4", "dd"})

# --- Text-level boilerplate: whole blocks whose text matches are not article text -------
BOILERPLATE_TEXT_RE = re.compile(
    r"""^(?:
      spot_im[gq]                                   # tagDiv ad placeholder
    | advertisement | anzeige(?:\s*[-:–,].*)? | publicité | publicidad | werbung | sponsored
    | (?:be\ sociable,\ )?share!? | teilen | partager | compartir | drucken | imprimer | imprimir
    | kommentieren | commenter | comentar | permalink | permalien | auch\ interessant.*
    | mehr\ (?:themen|artikel|zum\ thema).* | weitere\ (?:artikel|meldungen|nachrichten).*
    | (?:leave|post|write)\ a\ (?:reply|comment)   # comment forms
    | please\ enter\ your\ (?:comment|name)(?:\ here)?!?
    | latest\ (?:posts|news|stories) | related\ (?:posts|articles|stories) | most\ (?:read|popular)
    | you\ (?:may|might)\ (?:also\ )?like .* | recommended(?:\ for\ you)?
    | follow\ us.* | share\ (?:this|on).* | share | tweet | print | email
    | [\d.,]+[kKmM]?\s*(?:fans|followers|subscribers)\s*(?:like|follow|subscribe)?
    | (?:read|see)\ (?:more|also)\b.* | don['’]t\ miss\b.* | mehr\ zum\ thema\b.* | lesen\ sie\ auch\b.*
    | lire\ aussi\b.* | à\ lire\ aussi\b.* | le(?:e|a)\ también\b.* | related:.*
    | sign\ up\ for .* newsletter.* | subscribe\ to .* | subscribe\ now\b.{0,100} | (?:all\ )?rights\ reserved.*
    | (?:©|\(c\)|copyright)\s.* | photo:.* | foto:.* | bild:.* | image:.* | credit:.*
    | (?:crédits?\ photos?|abbildung|fotos?|photos?|bildquelle|bildrechte|quelle)\ ?:.{0,120}   # credits
    | (?:beitragsbild|titelbild|featured\ image)\b.{0,120}
    | (?:das|dieses)(?:\ thema)?\ könnte\ (?:sie|dich)\ (?:auch\ )?interessieren.*   # related prompts
    | (?:zum\ )?weiterlesen:? | lust\ auf\ mehr\b.{0,40}                  # read-on prompts
    | (?:jetzt\ )?weiterlesen\ mit\ .{1,30} | (?:jetzt\ )?(?:mit\ )?\S+\ weiterlesen     # paywall buttons
    | (?:noch\ )?keine\ kommentare | no\ comments(?:\ yet)?               # empty comment sections
    | hauptinhalt | main\ content | article\ content | skip\ to\ (?:main\ )?content   # skip-link labels
    | auf\ dieser\ seite:? | on\ this\ page:? | inhaltsverzeichnis | table\ of\ contents  # TOC labels
    | (?:stand|(?:zuletzt\ )?aktualisiert(?:\ am)?|(?:last\ )?updated(?:\ on)?|last\ modified(?:\ on)?)
      \s*:?(?:\s*\d.{0,40})?                                                  # date lines
    | (?:this|these)\ (?:might|may)\ (?:also\ )?interest\ you.* | you\ might\ also\ be\ interested.*
    | (?:vous|cela)\ pourriez?\ aussi\ aimer.* | también\ te\ puede\ interesar.*
    | (?:meistgelesene?|beliebteste|aktuellste|neueste)\ (?:artikel|beiträge|nachrichten|meldungen).*
    | weitere\ (?:beiträge|themen)\b.{0,60} | häufig\ gestellte\ fragen | quellenangaben:?
    | (?:noch\ )?keine\ bewertungen | \((?:noch\ )?keine\ bewertungen\)
    | (?:to\ (?:view|read|continue)|pour\ lire)\ (?:the\ full\ story|la\ suite|reading).{0,120}
    | never\ miss\ .{0,40}\ by\ signing\ up.* | follow\ .{1,40}\ on\ (?:twitter|facebook|instagram).*
    | [-–—_|•·*]+                                   # lone separators
    )$""",
    re.I | re.X,
)
# A closing call to action (the last blocks of a body): asks the reader to subscribe, get
# the app, follow a channel, comment, share or donate. Only read together with
# READER_ADDRESS_RE on short blocks at the very end, so a news paragraph about apps or
# newsletters stays.
TRAILING_PROMO_RE = re.compile(
    r"""\b(?:
      subscri\w* | newsletter\w* | abonn\w* | suscri\w* | assin[ae]\w* | subskrypc\w* | inbox | posteingang
    | download\w*\ (?:the|our)\b | (?:the|our|unsere?)\ app\b | app\ store | google\ play
    | apps?\ (?:for|on|für)\ (?:ios|android|iphone) | (?:with|via|in)\ (?:the|our|unserer?)\ (?:[\w-]+\ ){0,3}app\b
    | follow\ us | folg(?:e|t)\ uns | síguenos | suivez-nous | seguir\ a\ \w+\ en
    | (?:youtube|instagram|facebook|twitter|whatsapp|telegram)[-\ ]?(?:kanal|channel|canal)
    | nuestro\ canal | unser(?:em|en)?\ (?:kanal|newsletter|podcast|shop)
    | findest\ du\ hier | finden\ sie\ hier | find\ out\ more\ here
    | (?:teilen|share\ this|partager)\s*\?
    | leave\ a\ comment | hinterlasse\ \w+\ (?:einen\ )?kommentar | kommentar\ hinterlassen
    | support\ (?:our|independent)\ journalism | donate | spenden?\b
    )""",
    re.I | re.X,
)
# Words addressing the reader or speaking for the publication ("you", "Sie", "unser", "our").
READER_ADDRESS_RE = re.compile(
    r"\b(?:you|your|du|dich|dir|dein\w*|ihr|euch|Sie|Ihnen|Ihre?\w*|unser\w*|our|we|wir|"
    r"nuestr[oa]s?|vous|votre|nous|notre|tu|te|ti|nosotros|nasz\w*|zapraszamy)\b",
    re.I,
)
# Sentence-final punctuation: a block ending without it is a label, heading or caption.
SENTENCE_END_RE = re.compile(r"[.!?…:;\"”“»«'’)\]]$")
# Trailing or leading short blocks without sentence punctuation are page furniture
# ("Auch interessant", "Weitere Informationen", "Suche") once the article text has ended.
FURNITURE_MAX_CHARS = 60

# Paywall stubs: text that says the rest is behind a subscription.
PAYWALL_TEXT_RE = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|to continue reading|to read the full (?:story|article)|"
    r"this (?:article|content|story) is (?:for|only available to|exclusive to) (?:paid )?(?:subscribers|members)|"
    r"already a subscriber|(?:nur|exklusiv) für (?:abonnenten|abonnentinnen|abonnierende)|"
    r"mit (?:z\+|plus|abo|einem abo) weiterlesen|(?:la suite est |article )?réservée? aux abonnés|"
    r"contenido exclusivo para (?:suscriptores|socios)|para seguir leyendo,? (?:suscríbete|hazte)|"
    r"(?:content|article|story) is reserved for subscribers",
    re.I,
)

# Substrings of every PAYWALL_TEXT_RE phrase (lower case): a page without any has no prompt.
PAYWALL_HINTS = ("subscri", "abonn", "suscri", "continue reading", "full story", "full article",
                 "members", "weiterlesen", "seguir leyendo", "socios")  # fmt: skip

# --- Titles ----------------------------------------------------------------------------
# Separators between headline and site name in <title> / og:title: spaced dashes, bars,
# colons, bullets and guillemets, "::", "//", a bar even unspaced ("NEWS WEB EASY|…", the
# full-width "｜" of CJK titles, the box-drawing "│" of "Produkttester werden │ Nestlé
# Marktplatz"), the Hangul letter "ㅣ" that Korean sites print as a bar ("…부담 커졌다ㅣ한국일보";
# the lone jamo never occurs inside a Korean word) and a spaced "--" ("A.Word.A.Day --maudlin").
TITLE_PART_SEPARATORS_RE = re.compile(r"\s+[–—:·•»/-]\s+|\s*[|｜│ㅣ]\s*|\s+(?:::|//|--)\s*")
# Class tokens of a kicker / overline printed inside the h1 before the headline
# ('<h1><span class="kicker">Klimaschutz</span> Bohren, bis es heiß wird</h1>').
TITLE_KICKER_TOKENS = frozenset(
    {"kicker", "roofline", "dachzeile", "topline", "overline", "eyebrow", "supertitle",
     "spitzmarke", "label"}
)  # fmt: skip
# Text of an h1 child that only separates a kicker from the headline (": ", " – ", " / ").
TITLE_KICKER_SEPARATOR_RE = re.compile(r"^\s*[:|/–—-]\s*$")
# Class names that hide an element from sight (screen-reader text: "sr-only",
# "visually-hidden", "aural", "is_blind", a "navSkip" heading): a hidden h1 is not the
# headline as printed, hidden text inside an h1 is not part of it.
TITLE_HIDDEN_CLASS_RE = re.compile(
    r"(?:^|[-_])(?:sr-only|visually-?hidden|screen-?reader(?:-text|-only)?|aural|offscreen|"
    r"invisible|blind|hidden|hide|nav-?skip|skip-?links?)$",
    re.I,
)
# Class of the site's logo or name heading ("site-title", "logo", "blog-name", "branding").
TITLE_SITE_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:logo|brand(?:ing)?|site-?(?:title|name)|blog-?(?:title|name))(?:$|[\s_-])", re.I
)
# Paths of a site's home page: "/", "/index.html", "/de/", or an archived site root.
TITLE_HOME_PATH_RE = re.compile(r"^/?(?:[a-z]{2}(?:[-_][a-z]{2})?/?|index\.\w+)?$|/https?://[^/]+/?$", re.I)

# --- Authors ---------------------------------------------------------------------------
# What precedes the names in a byline: "By", "Von", "Par", "Por", "Posted by", "Ein Kommentar
# von", "Text:", "Quelle:", "©". Matches a bare label too ("Von", "By:") so it strips to nothing.
BYLINE_PREFIX_RE = re.compile(
    r"^\s*(?:"
    r"(?:(?:ein(?:e|en)?\s+)?(?:kommentar|gastbeitrag|gastkommentar|beitrag|analyse|kolumne|"
    r"essay|reportage|bericht|rezension|pressemitteilung|artikel)\s+)?"  # "Ein Kommentar von"
    r"(?:(?:veröffentlicht|eingestellt|erstellt|geschrieben|verfasst|posted|published|written|"
    r"story|words|reported|compiled|publié|écrit|escrito|publicado|scritto|pubblicato|"
    r"geschreven)\s+)?"  # "Posted by", "Erstellt von", "Publié par"
    r"(?:by|from|von|vom|par|por|di|door|av|af)(?:\s*:)?"  # the preposition itself
    r"|(?:text|texto|testo|autor(?:in|es)?|auteur|author)(?:\s*:)?"  # "Text:", "Autor"
    r"|(?:interview|quelle|source|fuente|fonte|redaktion|reporter)\s*:"  # only with a colon
    r"|©|\(c\)|copyright"
    r")(?:\s+|$)",
    re.I,
)
# Splits a byline into names.
# ("e" is Italian/Portuguese "and" but not the "e" of "e.V.", a registered association)
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\by\b|\bet\b|\be\b(?!\.)|\bi\b|\||·|•)\s*", re.I)
# Words that are roles or labels, not people ("Staff", "Correspondent", a weekday).
AUTHOR_NOISE_RE = re.compile(
    r"^(?:staff|staff writer|editors?|red|admin|administrator|guest|"
    r"guest author|contributor|team|wire|foto|photo|bild|posted|published|"
    r"authors?|auteurs?|autoren|autores|publiziert(?: am)?|veröffentlicht(?: am)?|updated|"
    r"aktualisiert|no author|unknown|anonymous|mehr|more|beitrag|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"(?:[\w-]+\s+){0,3}(?:correspondent|reporter|editor|writer|columnist|journalist|producer|contributor|"
    r"photographer|analyst|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?)|phd|dr|md)$",
    re.I,
)
# Page furniture caught inside a byline element: a "name" holding one is not a name
# ("Twitter Facebook", "Alle Artikel", "Follow", "@handle", "Foto: X", "Rezept von").
AUTHOR_UI_WORD_RE = re.compile(
    r"\b(?:twitter|facebook|instagram|linkedin|whatsapp|e-?mail|follow|folgen|abonnieren|"
    r"artikel\w*|articles|posts|beiträge|profile?|profil|newsletter|kontakt|contact|edit|"
    r"bearbeiten|print|drucken|share|teilen|reply|antworten|comments?|kommentare?|wordpress)\b"
    r"|^@"  # a social handle alone
    r"|\b(?:von|by|par|por|door)$"  # a label cut off from its name: "Rezept von"
    r"|^(?:fotos?|photos?|bild|bilder|image|credit|illustration)\s*[:©]",  # picture credits
    re.I,
)
# The editorial team: credited as the organisation ("Redaktion", "MM-Redaktion", "Newsroom").
AUTHOR_TEAM_RE = re.compile(
    r"(?:^|[\s-])(?:redaktion|editorial(?:\s+(?:team|staff|board))?|newsroom|"
    r"news\s*desk|rédaction|redacción|redazione|redactie|agenturen|agencies|agency)(?:$|[\s-])",
    re.I,
)
# News agencies: credited as organisations (kept only when no person is credited).
AGENCY_NAME_RE = re.compile(
    r"^(?:the\s+)?(?:associated press|ap|reuters|afp|agence france-presse|dpa|deutsche presse-agentur|"
    r"efe|agencia efe|ansa|apa|kna|epd|sda|upi|pa|pa media|cp|the canadian press|xinhua|bloomberg|"
    r"aap|kyodo|ians|pti|tass|belga|ats|anp|ntb|tt|ritzau|stt|ctk|pap|mti|sid|afp/dpa|dpa/afp|"
    r"apa/ap|dpa-afx|agenturen|jiji|yonhap|europa press|lusa|kathpress)$",
    re.I,
)
# Trailing roles and affiliations: "Jane Doe, Senior Reporter", "John Roe For Daily Mail",
# a Twitter handle after the name, Korean/Japanese "reporter" after the name.
AUTHOR_SUFFIX_RE = re.compile(
    r"\s*(?:,|\||-|–|—)\s*(?:senior|chief|staff|political|foreign|business|sports?|"
    r"(?:[a-z]+ )?(?:correspondent|reporter|editor|writer|columnist)).*$"
    r"|\s+(?:for|für|pour|para)\s+(?:the\s+)?[A-Z].*$"
    r"|\s+@\w+.*$"
    r"|\s*(?:기자|특파원|記者)$",
    re.I,
)
# Meta keys naming authors, most specific first.
AUTHOR_META_KEYS = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl",
    "twitter:creator:name", "cxenseparse:author",
)  # fmt: skip
# Labels of the Twitter card field that names the author (Yoast SEO prints them per language).
WRITTEN_BY_LABELS = frozenset(
    {"written by", "verfasst von", "geschrieben von", "écrit par", "escrito por", "scritto da",
     "geschreven door", "napisane przez", "autor", "author"}
)  # fmt: skip
# Elements printing the byline: rel/itemprop author, hCard names, author/byline classes.
# Not inside comments, author-bio boxes or page chrome (see AUTHOR_FOREIGN_TOKENS too).
# One walk over the body with the alternatives or-ed (a union of seven paths walked it seven times).
BYLINE_XPATH = (
    ".//body//*[(@itemprop='name' and ancestor::*[@itemprop='author']) or @itemprop='author'"
    " or (self::a and contains(concat(' ', @rel, ' '), ' author '))"
    " or (contains(@class, 'author') and not(contains(@class, 'authorbox')) and not(contains(@class, 'author-bio')))"
    " or contains(@class, 'byline') or contains(@class, 'autor') or contains(concat(' ', @class, ' '), ' fn ')]"
    "[not(ancestor::*[contains(@class, 'comment')])][not(ancestor::aside or ancestor::nav)]"
)
# Links to an author page inside the article: "/author/jane-doe", "/autoren/…", "/auteur/…".
AUTHOR_LINK_XPATH = (
    ".//body//a[contains(@href, '/author/') or contains(@href, '/authors/') or"
    " contains(@href, '/autor/') or contains(@href, '/autoren/') or contains(@href, '/auteur/')"
    " or contains(@href, '/autores/') or contains(@href, '/journalist/')]"
    "[not(ancestor::*[contains(@class, 'comment')])]"
    "[not(ancestor::aside or ancestor::footer or ancestor::nav)]"
)
# A class name starting or ending with one of these marks a container of other stories or
# of readers' posts ("related-posts", "comment-list"): a byline inside it is not this
# article's. Checked on the ancestors below <body>. Not "sidebar"/"teaser": layout wrappers
# ("has-sidebar") and article headers ("teaser-small__metadata") carry them.
AUTHOR_FOREIGN_TOKENS = frozenset(
    {"comment", "comments", "related", "recommended", "popular", "trending", "latest",
     "promo", "newsletter"}
)  # fmt: skip
# A text node opening a printed byline: "By", "Von", "Par", "Por", "Posted by", "Text:".
BYLINE_LEAD_WORDS = (
    "posted", "written", "published", "story", "text", "erstellt", "geschrieben", "verfasst",
    "publié", "escrito", "ein kommentar", "ein beitrag", "ein gastbeitrag",
)  # fmt: skip
BYLINE_PREPOSITIONS = ("by", "von", "par", "por", "door", "av", "text", "texto")
BYLINE_TEXT_RE = re.compile(
    rf"^\s*(?:(?:{'|'.join(BYLINE_LEAD_WORDS)})\s+)?(?:{'|'.join(BYLINE_PREPOSITIONS)})\b\s*:?",
    re.I,
)
# The same openers as an XPath pre-filter on text nodes (first two letters, three casings),
# outside scripts, sidebars, menus and links other than author links: cheap in C.
_OPENERS = sorted(
    {w[:2].lower() for w in BYLINE_LEAD_WORDS + BYLINE_PREPOSITIONS}
    | {w[:2].capitalize() for w in BYLINE_LEAD_WORDS + BYLINE_PREPOSITIONS}
    | {w[:2].upper() for w in BYLINE_LEAD_WORDS + BYLINE_PREPOSITIONS}
)
BYLINE_TEXT_XPATH = (
    f".//body//text()[contains('|{'|'.join(_OPENERS)}|',"
    " concat('|', substring(normalize-space(), 1, 2), '|'))][string-length() < 150]"
    "[not(ancestor::script or ancestor::style or ancestor::aside or ancestor::nav"
    " or ancestor::a[not(contains(@href, 'author'))])]"
)
# A date or time after a name ends it: "Tobi 29. Juni 2017", "Kienitz at 18:52", "X am Samstag",
# "Jane Doe Stand: 28. April", "Jane Doe vor 3 Tagen", "Jane Doe on May 3".
AUTHOR_TRAILING_DATE_RE = re.compile(
    r"\s+(?:(?:at|am|um|on|le|el|il|op|vor)\s+)?(?:\S*\d.*|(?:mon|tues|wednes|thurs|fri|satur|sun)day.*|"
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag).*)$"
    r"|\s*\b(?:stand|updated|aktualisiert|actualizado|publicado|veröffentlicht|published|posted|"
    r"vor)\b\s*:?.*$",
    re.I,
)
EMAIL_RE = re.compile(r"\S+@\S+\.\w+")

# --- Dates -----------------------------------------------------------------------------
# Meta keys holding the publication date, most trusted first.
PUBLISHED_META_KEYS = (
    "article:published_time", "og:published_time", "article:published", "datepublished",
    "article:published:time",  # colon-separated variant some CMSs print
    "publish-date", "publish_date", "pubdate", "publishdate", "publication_date",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued",
    "article.published", "originalpublicationdate", "cxenseparse:recs:publishtime",
    "og:article:published_time",  # og:-prefixed Open Graph article key
)  # fmt: skip
# Unqualified date keys: CMSs fill them with the publication, the last edit or the build date
# alike, so a <time>/microdata date in the article outranks them.
WEAK_PUBLISHED_META_KEYS = ("dc.date", "dcterms.date", "date")
MODIFIED_META_KEYS = (
    "article:modified_time", "og:updated_time", "article:modified", "datemodified",
    "article:modified:time",  # colon-separated variant some CMSs print
    "last-modified", "dcterms.modified", "dc.date.modified", "lastmod",
)  # fmt: skip
# Dates in URL paths: /2021/02/09/, /2021-02-09-, /2012-06/04/, /20210209/. The compact form
# must end the segment or meet a separator: a web archive's /20130307194448/ capture stamp
# (the crawl date, not the article's) is not one.
URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?:[/._-]|$)"
    r"|/(?P<y2>(?:19|20)\d{2})(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?:[/_-]|$)"
)

# --- Datelines -------------------------------------------------------------------------
# All-caps openers that are labels, not places ("UPDATE: ...", "BREAKING —").
DATELINE_NOT_PLACES = frozenset(
    {"UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTOS",
     "OPINION", "ANALYSIS", "EDITOR'S NOTE", "EDITOR’S NOTE", "NOTE", "CORRECTION", "LIVE",
     "FACT CHECK", "REVIEW", "INTERVIEW", "ADVERTISEMENT", "EILMELDUNG", "AKTUALISIERT"}
)  # fmt: skip

# --- Page types ------------------------------------------------------------------------
# URL paths of listing pages: home, pagination, search, and section/tag/author/archive pages
# (the keyword followed by at most one more path segment: "/tag/russia/", "/author/jane-doe").
LISTING_URL_RE = re.compile(
    r"^/?$|/page/\d+/?$|[?&](?:page|paged|s|q|query|search)=|/(?:tag|tags|topic|topics|"
    r"category|categories|section|sections|author|authors|autor|search|suche|recherche|archive|"
    r"archiv|ressort|rubrik|themen?|schlagwort|labels?)(?:/[^/]+)?/?$",
    re.I,
)
# URL paths of article pages: a date, a long slug, or a long numeric id.
ARTICLE_URL_RE = re.compile(
    r"/(?:19|20)\d{2}[/-][01]?\d[/-]|[a-z0-9]+(?:-[a-z0-9]+){3,}|\d{5,}|\.s?html?$", re.I
)
# Query strings naming one story: WordPress "?p=123", SPIP "?article717", "?id=4711".
ARTICLE_QUERY_RE = re.compile(r"[?&](?:p|id|article|artikel|story|news|newsid)=?\d+(?:&|$)", re.I)

# Visible dates near the headline. Month names of the corpus' main languages.
MONTHS = (
    r"jan(?:uary|uar|vier|eiro|uari)?|feb(?:ruary|ruar|rero|braio)?|f[ée]v(?:rier)?|m[aä]r(?:ch|z|s|zo|ço)?|"
    r"apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|ma[iy]|mai|mayo|maggio|jun(?:e|i|io|ho)?|juin|giugno|"
    r"jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust)?|ao[uû]t|ago(?:sto)?|sep(?:t|tember|tembre|"
    r"tiembre)?|set(?:embro|tembre)?|o[ck]t(?:ober|obre|ubre)?|nov(?:ember|embre|iembre)?|"
    r"de[cz](?:ember|embre)?|dic(?:iembre|embre)?|dez(?:ember|embro)?"
)
# class/id tokens of containers whose dates are not the article's: comments, teasers of other
# stories, sidebars, the header's "today" widget, tickers.
FOREIGN_DATE_TOKENS = frozenset(
    {"comment", "comments", "related", "sidebar", "widget", "teaser", "teasers", "promo",
     "recommended", "latest", "popular", "trending", "ticker", "weather", "topbar", "today",
     "breaking", "more", "archive", "calendar"}
)  # fmt: skip
# The subset that also names layout boxes: themes call the article's own column or meta box
# "sidebar"/"widget"/"topbar" ("content right-sidebar", "sidebar_content"), so these mark a
# foreign box only outside the article element.
LAYOUT_DATE_TOKENS = frozenset({"sidebar", "widget", "topbar"})
# class/id tokens of elements that print the article's date.
DATE_CLASS_TOKENS = frozenset(
    {"date", "time", "datetime", "published", "pubdate", "timestamp", "posted", "postdate",
     "datum", "meta", "byline", "dateline", "info", "entry", "fecha", "data", "author",
     "dachzeile", "artikeldatum", "updated"}
)  # fmt: skip

# --- Printed dates ---------------------------------------------------------------------
# Month names MONTHS leaves out: Italian "gennaio"/"ottobre", Romanian, Dutch.
MORE_MONTHS = (
    r"gen(?:naio)?|ott(?:obre)?|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|"
    r"octombrie|noiembrie|decembrie|mei|maart|augustus"
)
# Dates printed on the page (read on text whose elements are kept apart by spaces), numeric,
# CJK and with month names, a comma before the year allowed ("26 Mai, 2008", "07 Dezember, 2022").
PRINTED_DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:19|20)\d{{2}}"  # 09.02.2021
    rf"|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}"  # 2021-02-09
    rf"|(?:19|20)\d{{2}}[./]\s?\d{{1,2}}[./]\s?\d{{1,2}}(?!\d)"  # 2023.11.02 (ko, hu, zh), 2021/02/09
    rf"|(?:19|20)\d{{2}}\s?[年년]\s?\d{{1,2}}\s?[月월]\s?\d{{1,2}}\s?[日일]"  # 2020年7月3日, 2019년 6월 24일
    rf"|\d{{1,2}}/\d{{1,2}}/(?:19|20)\d{{2}}"  # 02/09/2021
    rf"|\d{{1,2}}\.?\s(?:de\s)?(?:{MONTHS}|{MORE_MONTHS})\.?,?\s(?:de\s)?(?:19|20)\d{{2}}"  # 9. Februar 2021
    rf"|(?:{MONTHS}|{MORE_MONTHS})\.?\s\d{{1,2}}(?:st|nd|rd|th)?,?\s(?:19|20)\d{{2}})"  # February 9, 2021
    rf"(?:,?\s(?:um\s|à\s|at\s|-\s|u\s)?\d{{1,2}}[:.h]\d{{2}}(?:\s?[ap]\.?m\.?)?)?",  # , 14:35
    re.I,
)
# A day-first date with a two-digit year ("2.11.22", "28.09.19"): read only in a date element
# or next to the headline, and only when no date with a four-digit year is printed there.
SHORT_YEAR_DATE_RE = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{2})(?![\d.])")
# Labels that mark a printed date as the last edit, not the publication ("Aktualisiert am",
# "Zuletzt geändert am:", "Updated", "Mis à jour le"): matched on the text just before it.
UPDATED_LABEL_RE = re.compile(
    r"(?<!\w)(?:aktualisiert|geändert|letzte änderung|last updated|updated|last modified|modified|"
    r"mis à jour|modifié|actualizado|actualización|aggiornato|bijgewerkt|edited)"
    r"(?:\s+(?:am|on|le|el|il|op|at))?\s*:?\s*$",
    re.I,
)
# Labels that mark a printed date as the publication ("Erschienen am:", "Veröffentlicht",
# "Published on", "Publié le", "Datum"): matched on the text just before it. Not "Posted":
# readers' comments print it too.
PUBLISHED_LABEL_WORDS = (
    "erschienen", "erscheinungsdatum", "veröffentlicht", "publiziert", "datum", "published",
    "publié", "publicado", "publicada", "pubblicato", "gepubliceerd", "opublikowano", "date",
)  # fmt: skip
PUBLISHED_LABEL_RE = re.compile(
    rf"(?<!\w)(?:{'|'.join(PUBLISHED_LABEL_WORDS)})(?:\s+(?:am|on|le|el|il|em|op|the))?\s*:?\s*$",
    re.I,
)

# --- Author labels and credits (authors.py) --------------------------------------------
# Author labels BYLINE_PREFIX_RE leaves out: "Autoren", "Autorin/Autor", "Authors:",
# "Auteur/Autrice", "Autore", "Propos recueillis par".
MORE_BYLINE_PREFIX_RE = re.compile(
    r"^\s*(?:autor(?:in|en|e|innen)?(?:\s*/\s*autor(?:in)?)?|authors?|auteur(?:e|s)?(?:\s*/\s*autrice)?|"
    r"autrice|autore|autori|(?:propos\s+)?recueillis?\s+par)(?:\s*:)?(?:\s+|$)",
    re.I,
)
# Other credits printed after the author's in one line: "Text von A  Illustration von B",
# "Jane Doe Fotos: X". What follows such a word is not an author.
CREDIT_ROLE_CUT_RE = re.compile(
    r"\s+(?:illustrations?|illustriert|fotos?|photos?|photography|bilder?|grafik(?:en)?|"
    r"kamera|video|layout)\b.*$",
    re.I,
)
# "Posted on September 21, 2020 by Jane Doe", "06.11.2023 13:30 von Olga": a byline element
# printing the date first; the name follows the last preposition.
DATE_THEN_BYLINE_RE = re.compile(
    r"^[^|]*\d[^|]*?\s(?:by|von|par|por|door|di|av)\s+(?=\S)",
    re.I,
)
# Labels of comment forms and forum chrome caught as a byline's name ("Name", "Your name",
# "Gesponserte Inhalte").
AUTHOR_FORM_LABEL_RE = re.compile(
    r"^(?:(?:ihr|dein|your|votre|tu|su)\s+)?(?:name|nom|nombre|nome|e-?mail|website|webseite)\s*\*?$"
    r"|^(?:gesponserte inhalte|sponsored content|sponsored|anzeige|werbung)$",
    re.I,
)
# Names of organisations by their legal form or kind ("Hanns-Seidel-Stiftung e.V.", "Nordex SE",
# "Web Commerce GmbH"): credited as organisations, kept only when no person is credited.
ORGANISATION_NAME_RE = re.compile(
    r"(?:\b(?:e\.\s?V|gGmbH|GmbH|mbH|AG|KG|SE|Inc|Ltd|LLC|S\.A|S\.L|SpA|S\.p\.A|BV|N\.V|AB|ASA)\.?$"
    r"|(?:stiftung|verband|verein|institut|gesellschaft|ministerium|universität|agentur)\b"
    r"|\b(?:foundation|association|institute|university|ministry|department|council|agency)\b)",
    re.I,
)
# E-mail addresses spelled out against harvesters: "jane[at]example.org", "jane (at) example.org".
OBFUSCATED_EMAIL_RE = re.compile(r"\S+\s?(?:\[at\]|\(at\)|\{at\}|\[@\])\s?\S+", re.I)
# A day-first date ending a URL path segment: "/meldungen/29-10-2021", "/news/03.02.2022/".
URL_DAY_FIRST_DATE_RE = re.compile(
    r"/(?P<d>0?[1-9]|[12]\d|3[01])[-.](?P<m>0?[1-9]|1[0-2])[-.](?P<y>(?:19|20)\d{2})(?:[/?#]|\.html?|$)"
)
# class/id tokens of post-meta lines that DATE_CLASS_TOKENS leaves out: WordPress's
# "postmetadata" ("This entry was posted on …"), "postmeta", "entrymeta", "postinfo".
MORE_DATE_CLASS_TOKENS = frozenset({"postmetadata", "postmeta", "entrymeta", "postinfo"})
# Classes of the elements that hold a first or last name inside a byline: the name's parts,
# not two names ("<span class="firstname">Ingrid</span> <span class="lastname">Treborg</span>").
NAME_PART_CLASSES = frozenset(
    {"firstname", "lastname", "first-name", "last-name", "given-name", "family-name", "givenname",
     "familyname", "vorname", "nachname", "surname"}
)  # fmt: skip

# --- Title prefixes (title.py) ----------------------------------------------------------
# A date printed before the headline in the same line ("23.01.2022 - Dorothea Wierer darf …",
# "2024-05-03 | Headline"): a date line, never part of the headline.
TITLE_LEADING_DATE_RE = re.compile(
    r"^\s*(?:\d{1,2}[./]\s?\d{1,2}[./]\s?(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\s*[-–—|:/]\s+(?=\w)"
)
# Decoration printed before a heading ("[> Jens Weber", "> Post title", "• Headline"); the
# guillemet only when no "«" closes a quote ("» Jens Weber", not "»Haltet sauber!«").
TITLE_LEADING_DECORATION_RE = re.compile(r"^\s*(?:\[?>+|›|•|\*|»(?!.*«))\s+(?=\w)")
