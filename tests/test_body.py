"""Body extraction rules on tiny inline pages: each row is one rule, kept text or dropped text."""

import pytest

from newscrawl import extract_article

PARA = "This sentence belongs to the article and is long enough to count as real text, surely."
URL = "https://daily.example/2024/01/02/story-about-things/"


def _body(inner: str) -> str:
    html = f"""<html><body><h1>Headline of the story</h1>
    <div class="article-body">{inner}<p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p></div>
    </body></html>"""
    return "\n\n".join(extract_article(html, URL).paragraphs)


@pytest.mark.parametrize(
    ("inner", "kept"),
    [
        # a negated class word says the element is NOT that: "non-paywall" text is the article
        (
            '<section class="non-paywall"><p>The free part of the story starts here, long enough'
            " to be read as a sentence of the article.</p></section>",
            "The free part of the story starts here",
        ),
        # a layout-named weak container ("teaser-text") with link-free sentence text: a lead
        (
            '<div class="teaser-text"><p>Jede Menge Spaß bereitet es den Helfern, kaputte Geräte'
            " wieder in Gang zu bringen, und das seit zehn Jahren.</p></div>",
            "Jede Menge Spaß bereitet es den Helfern",
        ),
        # "spot" names a lead in Turkish/Spanish newsrooms, not an ad slot
        (
            '<div class="detay-spot">Türkiye\'de orman yangınlarıyla mücadelede bu yıl yeni'
            " uçaklar ve helikopterler görev yapacak.</div>",
            "orman yangınlarıyla mücadelede",
        ),
        # "paywall" on a paragraph marks gated article text (prompts go by their wording)
        (
            '<p class="paywall">What I did not like as much is the sleeping pad that comes with'
            " the full bed: it is plenty comfortable, but it is also heavy.</p>",
            "What I did not like as much",
        ),
        # a container's state ("has-sidebar", Drupal's "node--promoted") is not what it is
        (
            '<div class="story has-sidebar has--gallery"><p>The story text sits in a wrapper that'
            " also holds a sidebar and a gallery, but it is the story.</p></div>",
            "The story text sits in a wrapper",
        ),
        (
            '<div class="node node--promoted"><p>A Drupal node promoted to the front page is the'
            " article itself, not a promotion box.</p></div>",
            "A Drupal node promoted",
        ),
        # AEM core components are all "cmp-*": "cmp" is not a consent banner
        (
            '<div class="cmp-text"><p>Wärmepumpenanlagen gelten als besonders effizient, wenn'
            " die Vorlauftemperatur niedrig bleibt.</p></div>",
            "Wärmepumpenanlagen gelten als",
        ),
        # a print-layout utility class is not a print button
        (
            '<div class="col-sm-6 print-full"><p>Schäle die Äpfel und schneide sie in kleine'
            " Würfel, dann gib sie in die Form.</p></div>",
            "schneide sie in kleine Würfel",
        ),
    ],
)
def test_text_kept(inner, kept):
    assert kept in _body(inner)


@pytest.mark.parametrize(
    ("inner", "dropped"),
    [
        # author boxes: an author word with box/card/bio/description/about
        (
            '<div class="author-box"><p>Moritz Gathmann leitet das Ressort Ausland und schreibt'
            " seit Jahren über Osteuropa und Russland.</p></div>",
            "Moritz Gathmann leitet",
        ),
        (
            '<div class="about-author"><p>Jake is the co-founder of a company, and he writes about'
            " software and teams.</p></div>",
            "Jake is the co-founder",
        ),
        (
            '<div class="author-card__description">Alice Wu fell down the rabbit hole of data'
            " science years ago and never came back.</div>",
            "Alice Wu fell down",
        ),
        # star ratings and push-notification prompts
        ('<span class="post-ratings">War der Artikel nützlich? (Noch keine Bewertungen)</span>', "nützlich"),
        (
            '<div class="notification-prompt"><p>Stay up to date with notifications from the Daily'
            " Example, managed in browser preferences.</p></div>",
            "Stay up to date",
        ),
        # picture legends, disclosures, calls to action, tables of contents, recirculation modules
        ('<div class="legend">und der Hirschkäfer (Lucanus cervus) im lichten Wald</div>', "Hirschkäfer"),
        (
            '<section class="editorial-disclosure">This post contains references to products from'
            " one or more of our advertisers.</section>",
            "This post contains references",
        ),
        (
            '<section class="c-letters-cta"><p>We want to hear what you think about this'
            " article.</p></section>",
            "want to hear",
        ),
        ('<div id="toc_container"><ul><li>Vorschau auf den nächsten Artikel</li></ul></div>', "Vorschau"),
        ('<div class="wp-block-recirculation-box"><p>Mehr Kolumnen auf MeinMMO</p></div>', "Mehr Kolumnen"),
        (
            '<div class="BorlabsCookie"><p>Klicken Sie auf den unteren Button, um den Inhalt'
            " zu laden.</p></div>",
            "Klicken",
        ),
        ('<div class="kommentarModul"><p>Sie sind aktuell nicht eingeloggt.</p></div>', "eingeloggt"),
        # a layout-named weak container whose text is a link (a teaser of another story) still goes
        (
            '<div class="teaser-text"><p><a href="/other">Another story entirely, with a headline'
            " long enough to pass the sentence length test</a></p></div>",
            "Another story entirely",
        ),
        # a byline-named weak container keeps going even with link-free text
        (
            '<div class="byline">By Jane Doe, Senior Reporter covering climate, energy and the'
            " economy for the Daily Example since 2010</div>",
            "By Jane Doe",
        ),
    ],
)
def test_text_dropped(inner, dropped):
    body = _body(inner)
    assert dropped not in body
    assert f"{PARA} One." in body


def test_link_characters_are_counted_per_block():
    """A teaser whose link wraps block elements is a linked block (its text is all link); a
    paragraph after a linked block does not inherit the link's characters."""
    teaser = (
        '<a href="/other-story"><div>Another story entirely, a teaser headline that wraps blocks'
        "</div><div>With a teaser summary under it that is all link text as well</div></a>"
    )
    after = "<p>A plain sentence after the teaser, long enough to count.</p>"
    body = _body(f"<p>{PARA} Zero.</p>{teaser}{after}")
    assert "Another story entirely" not in body
    assert "With a teaser summary" not in body
    assert "A plain sentence after the teaser" in body


@pytest.mark.parametrize(
    "block",
    [
        '<div class="infobox"><h3>Weitere Informationen</h3><p>Unter den rund 89.500 Geflüchteten'
        " in Hessen sind rund 65.500 Menschen im erwerbsfähigen Alter.</p></div>",  # fact box
        "<p>Bildrechte: MDR/David Straub</p>",  # picture credit
        "<p>Weiterlesen:</p>",  # read-on label
        "<p>Jetzt weiterlesen mit BZ+</p>",  # paywall button
        "<p>Mit Z+ weiterlesen</p>",
        "<p>Anzeige, enthält Affiliate Links</p>",  # ad label
        "<p>Beitragsbild: Archiv</p>",  # featured-image label
        "<p>Das Thema könnte dich auch interessieren:</p>",  # related prompt
        "<p>Keine Kommentare</p>",  # empty comment section
        "<p>Stand: 28. April 2023, 05:00 Uhr</p>",  # date line
        "<p>Aktualisiert am</p>",
        "<p>Article content</p>",  # screen-reader label repeated through the body
        "<p>Subscribe now to our eNATION edition for the full story.</p>",  # subscription prompt
        "<p>Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés.</p>",  # paywall
        "<h3>THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY</h3>",
    ],
)
def test_boilerplate_block_between_paragraphs_is_dropped(block):
    html = f"""<html><body><h1>Headline of the story</h1><div class="article-body">
    <p>{PARA} One.</p>{block}<p>{PARA} Two.</p><p>{PARA} Three.</p></div></body></html>"""
    paragraphs = extract_article(html, URL).paragraphs
    assert paragraphs == [f"{PARA} One.", f"{PARA} Two.", f"{PARA} Three."]


@pytest.mark.parametrize(
    "header",
    [
        # a paragraph-long h2 under the headline is the standfirst (a one-line subtitle is not)
        "<h1>Headline of the story</h1><h2>A storm with gusts of 120 km/h hit the coast overnight,"
        " cutting power to thousands of homes along the shore and closing the harbour, the ferry"
        " terminal and every school in the district until further notice.</h2>",
        # the standfirst sits in the box after the one holding the h1 (a hero/stage header)
        '<div class="stage"><div class="stage-head"><h1>Headline of the story</h1></div>'
        '<div class="stage-body"><p>A storm with gusts of 120 km/h hit the coast overnight,'
        " cutting power to thousands of homes along the shore.</p></div></div>",
    ],
)
def test_standfirst_after_the_headline_is_the_first_paragraph(header):
    html = f"""<html><head><title>Headline of the story</title></head><body>{header}
    <div class="article-body"><p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p></div>
    </body></html>"""
    paragraphs = extract_article(html, URL).paragraphs
    assert paragraphs[0].startswith("A storm with gusts")
    assert paragraphs[1:] == [f"{PARA} One.", f"{PARA} Two.", f"{PARA} Three."]


def test_one_line_subtitle_after_the_headline_is_not_body():
    html = f"""<html><body><h1>Headline of the story</h1>
    <h2 class="subtitulo">The ministry keeps the minimum allowance despite the spring rains</h2>
    <div class="article-body"><p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p></div>
    </body></html>"""
    assert extract_article(html, URL).paragraphs == [f"{PARA} One.", f"{PARA} Two.", f"{PARA} Three."]


def test_unclosed_call_to_action_box_does_not_take_the_article_with_it():
    """ "cta" is a weak token: a CTA box holding paragraphs of text (broken markup nests the
    rest of the story in it) stays."""
    rest = "".join(f"<p>{PARA} {n}.</p>" for n in ("Four", "Five", "Six", "Seven", "Eight"))
    html = f"""<html><body><h1>Headline of the story</h1><article class="article-body">
    <p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p>
    <div class="cta"><a href="/donate">Support our journalism</a>{rest}</div></article></body></html>"""
    assert f"{PARA} Eight." in extract_article(html, URL).paragraphs


def test_weak_container_wrapping_a_marked_post_body_stays():
    """Blogger: the posts sit in "date-posts" (a weak "date" token) and their text in <br>-
    separated lines, not <p>: the marked post body inside keeps the wrapper."""
    lines = "<br>".join(f"{PARA} {n}." for n in ("One", "Two", "Three", "Four", "Five", "Six"))
    html = f"""<html><body><div class="date-outer"><div class="date-posts">
    <h1>Headline of the story</h1><div class="post-body entry-content">{lines}</div></div></div>
    <div class="sidebar-box"><p>{"Sidebar text about other things, at length. " * 30}</p></div>
    </body></html>"""
    assert f"{PARA} Six." in "\n\n".join(extract_article(html, URL).paragraphs)


def test_body_split_over_repeated_layout_rows_is_joined():
    """A body printed in several grid rows (row > column, one per chunk, with a picture or an
    ad row between): the rows repeating the layout of the best one join it, in order; a row
    of the same layout holding teaser links does not."""
    chunk = "".join(f"<p>{PARA} {n}.</p>" for n in "ABCDEFGH")  # too big for the climb to the article
    teasers = "".join(
        f'<p><a href="/story-{n}">Another story headline number {n} here</a></p>' for n in range(6)
    )
    html = f"""<html><body><h1>Headline of the story</h1><article class="content">
    <div class="row"><div class="col">{chunk}</div></div>
    <div class="row"><div class="col"><p>{PARA} Second chunk one.</p>
    <p>{PARA} Second chunk three.</p></div></div>
    <div class="row"><div class="col">{teasers}</div></div>
    </article></body></html>"""
    paragraphs = extract_article(html, URL).paragraphs
    assert paragraphs[0] == f"{PARA} A."
    assert paragraphs[-1] == f"{PARA} Second chunk three."


@pytest.mark.parametrize(
    ("closing", "dropped"),
    [
        ("<p>¡Mira lo que tiene nuestro canal de YouTube!</p>", True),
        ("<p>Get the latest news straight to your phone with the VI Consortium app.</p>", True),
        ("<p>Zapraszamy też do subskrypcji tygodnika w Sieci Przyjaciół.</p>", True),
        ("<p>Möchten Sie den Artikel teilen?</p>", True),
        ("<p>Lust auf mehr? Lass dir die besten Storys jede Woche in deinen Posteingang schicken.</p>", True),
        # news about apps or newsletters, not addressed to the reader, stays
        ("<p>The ministry said the new app for Android would reach 2 million users by June.</p>", False),
        # a call to action in the middle of the body is left to the other rules
    ],
)
def test_closing_call_to_action_is_dropped(closing, dropped):
    html = f"""<html><body><h1>Headline of the story</h1><div class="article-body">
    <p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p>{closing}</div></body></html>"""
    paragraphs = extract_article(html, URL).paragraphs
    assert (paragraphs == [f"{PARA} One.", f"{PARA} Two.", f"{PARA} Three."]) is dropped


@pytest.mark.parametrize(
    ("first", "kept"),
    [
        ("<p>Stand: 28. April 2023, 05:00 Uhr</p>", False),  # a date line above the text
        (
            "<p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Cafe Hurricane statt.</p>",
            True,
        ),
    ],
)
def test_date_line_above_the_text_goes_but_a_sentence_with_a_date_stays(first, kept):
    html = f"""<html><body><h1>Headline of the story</h1><div class="article-body">
    {first}<p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p></div></body></html>"""
    paragraphs = extract_article(html, URL).paragraphs
    assert (len(paragraphs) == 4) is kept
