"""Places: find toponyms in each chunk, then resolve them against the gazetteer per article.

The room: ``layer.py`` (the layer), ``detect.py`` (the detection rules over the parse; ``names.py``
asks the gazetteer about tokens, ``toponym.py`` holds the record, ``pack_names.py`` proposes the conflict
pack's names in locative contexts, ``brackets.py`` reads admin units in brackets, "Nouari (Materi,
Atacora)"), ``resolve.py``, ``admin.py`` and ``scoring.py`` (per-article resolution; ``translit.py`` the
transliteration spellings), ``vocab.py`` with its data ``vocab.toml`` and ``landmarks.toml``.

:meth:`PlacesLayer.read_chunk` is the only code here that sees spaCy objects. It returns
:class:`Toponym` records: NER GPE/LOC/FAC spans, plus names the small model misses or
mislabels that the gazetteer knows ("Aleppo" tagged NORP, an untagged "east Aleppo"), with
the phrase around them ("northeast Syria", "Hasakeh city", "Hasakeh province") and
part-of phrases ("the rebel-held east"), demonyms ("Russian-backed") and names inside
organisations ("Aleppo University"). :meth:`PlacesLayer.finish` resolves them with the whole
article in view and flags as metonymic what names a place without being one: capitals and
countries used as governments, demonyms and names inside organisations.

A landmark the news name in place of its town ("outside the White House", "the Kremlin") is placed
at that town, from the researchers' table ``landmarks.toml``.

What looks like a place but is not one here is left out: a place name before a feature word
("Windsor Castle", "the French Quarter"), a demonym of a larger region ("Central American"), the
surname of a person the article names ("Mohamed Salah ... the next Salah"), a county the gazetteer
does not hold ("Metcalfe County" is not the town of Metcalfe) or cannot tell from its namesakes
("Monroe County" where the article names none of their states), and a small town alone in its
country in an article about places elsewhere.
"""
