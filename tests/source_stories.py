"""Stories and helpers shared by the source-reader tests. The stories were written for these
tests about real events; none is taken from any outlet."""
from tacitus.model import Article
from tacitus.sources import Rejected

PYONGYANG = (
    "PYONGYANG, June 19 (Tacitus Wire) - Russian President Vladimir Putin and North Korean leader "
    "Kim Jong Un signed a comprehensive strategic partnership treaty on Wednesday that commits each "
    "country to help the other if it is attacked. Putin arrived in Pyongyang before dawn for his first "
    "visit in twenty-four years and was greeted at the airport by Kim. Officials in Seoul and Washington "
    "said they were studying the text of the agreement and warned against any transfer of weapons."
)
COP28 = (
    "DUBAI, Dec 13 (Tacitus Wire) - Nearly two hundred countries at the COP28 climate summit agreed on "
    "Wednesday to transition away from fossil fuels in energy systems, the first time a United Nations "
    "climate deal has named oil, gas and coal. The summit president, Sultan al-Jaber, gavelled the text "
    "through minutes after the session opened. Small island states said the wording still left too many "
    "loopholes, while oil producers said it respected national circumstances."
)
FINLAND = (
    "BRUSSELS, April 4 (Tacitus Wire) - Finland became the thirty-first member of the North Atlantic "
    "Treaty Organization on Tuesday, ending decades of military non-alignment after Russia's invasion of "
    "Ukraine. Foreign Minister Pekka Haavisto handed the accession documents to the United States "
    "Secretary of State at the alliance headquarters, and the Finnish flag was raised outside the "
    "building in the afternoon. Moscow said it would take countermeasures."
)
SUEZ = (
    "ISMAILIA, Egypt (Tacitus Wire) — Salvage crews freed the container ship Ever Given on Monday after "
    "it had blocked the Suez Canal for six days, allowing hundreds of waiting vessels to begin moving "
    "through one of the world's busiest trade routes. The canal authority said tugboats and dredgers "
    "had worked around the clock and that traffic would resume at once. Shipping companies warned that "
    "delays at ports in Europe would last for weeks."
)
FRENCH = (
    "PARIS, 26 juillet - La cérémonie d'ouverture des Jeux olympiques s'est déroulée sur la Seine "
    "vendredi soir, sous une pluie battante. Des milliers d'athlètes ont défilé sur des bateaux entre le "
    "pont d'Austerlitz et le Trocadéro, devant des centaines de milliers de spectateurs. Les organisateurs "
    "ont salué une soirée historique malgré le mauvais temps."
)


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def rejected(items):
    return [i for i in items if isinstance(i, Rejected)]


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Egypt's canal reopens | The Example Times</title>
<meta name="author" content="Rana Example">
<meta property="article:published_time" content="2021-03-29T18:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<aside class="advert">Subscribe now for unlimited access to premium journalism!</aside>
<main><article><h1>Ever Given freed, Suez Canal reopens</h1>
{paragraphs}
</article></main>
<footer><p>© 2021 The Example Times. All rights reserved.</p><p><a href="/privacy">Privacy</a> |
<a href="/terms">Terms of use</a> | <a href="/cookies">Cookie settings</a></p></footer>
</body></html>"""


def page(story: str) -> str:
    return PAGE.replace("{paragraphs}", "".join(f"<p>{s}.</p>\n" for s in story.rstrip(".").split(". ")))
