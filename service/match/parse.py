"""One string, several names: the alternatives that list and registry formats write into one field.

Sanctions lists, registries and news write more than one name in a field: "Mahmoud (a.k.a. Mahmud) ABBAS",
"Hezbollah (Party of God)", "Kurdistan Workers' Party (PKK)", "Front A / Front B", "AL-HASSAN Ahmad Khalil"
(surname first, in capitals, no comma), 'Ahmed "Abu Mohammed" al-Sharaa', "Syrian President Bashar al-Assad",
"reuters.com". `alternatives` reads such a string into its parts, each with how it was read; the matcher tries
them when the string as written does not match, and says which part did. Nothing here decides a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from service.match.eastasian import leading_title, title_type
from service.match.lexicon import UNSPACED_RUN, Lexicon
from service.match.normalize import DESCRIPTION_STARTS, normalize

MAX_PARTS = 8

_AKA = re.compile(r"^\s*(?:a\.?\s?k\.?\s?a\.?|aka|a/k/a|also known as|alias|f\.?\s?k\.?\s?a\.?|formerly(?: known as)?|"
                  r"previously|ex|former(?:ly)?|or|d\.?\s?b\.?\s?a\.?|ehemals|fr[üu]her|anciennement|anteriormente|"
                  r"antiguamente|precedentemente)\s*[:.]?\s+", re.I)
_PARENS = re.compile(r"\s*[(\[]([^()\[\]]{1,200})[)\]]\s*")
_SPLITTERS = re.compile(r"\s+(?:/|\||;)\s+|\s*;\s*|\s+/\s*|\s*/\s+")
_QUOTED = re.compile("[\"“”«»„]([^\"“”«»„]{1,100})[\"“”«»„]")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]{2,63})\.(?:[a-z0-9-]{2,63}\.)*[a-z]{2,24}(?:/\S*)?$", re.I)
# Turkish and Azerbaijani write a proper noun's case ending after an apostrophe: ÖSO'ya, BM'nin, Esad'ın, Şam'da
_CASE_ENDING = re.compile(r"(?<=\w)['’](?:n?[ıiuü]n|[dt][ae]n|[dt][ae]ki|[dt][ae]|y?l[ae]|[nsy][ıiuüae]"
                          r"|(?<=[A-ZÇĞİÖŞÜ]['’])[ıiuüae])(?=\s|$)")
# one letter after an apostrophe (Şam’a, Halep'e): read as an ending only in a word with a letter of Turkish
_ONE_LETTER_ENDING = re.compile(r"(\w+)['’][ıiuüae](?=\s|$)")
_TURKISH_LETTERS = re.compile("[şğıçöüəŞĞİÇÖÜƏ]")
# the Kurdish ending ê (-yê after a vowel), after a word of two letters or more, written on or after an apostrophe
_KURDISH_ENDING = re.compile(r"(?<=\w\w)(?:['’]?y?ê)(?=\s|$)")
# the last word of the tail of a name written head first: Iran, Islamic Republic of; Iran, République islamique d'
_INVERSION_ENDS = frozenset({"of", "the", "de", "del", "des", "du", "di", "da", "do", "der", "von", "van", "la", "el"})
_ACRONYM = re.compile(r"^[A-ZÀ-ÝА-ЯΑ-Ω0-9.&-]{2,10}$")
# words that introduce the name after them: roles and titles in the languages of the news
# words for kin (his brother, her husband, his son), which introduce a name as roles do, though not a surname alone:
# the name after them is another member of the family (زوجته الأسد, his wife al-Assad, is not Bashar)
KINSHIP_WORDS = frozenset("شقيقه شقيقها شقيقته أخوه زوجته زوجها ابنه ابنها نجله".split())
# a woman's role before a surname alone names a woman of the family, not the man whose short name it is (Queen
# Assad); and ministra, feminine in Spanish, is a genitive in Polish and Czech: neither says whose
_WOMENS_ROLES = frozenset("""
queen princess spokeswoman presidenta ministra homóloga reine princesse königin prinzessin reina princesa regina леди
""".split())
# a woman's title anywhere before the role does the same (Mrs President Assad); not a role itself
_WOMAN_TITLE_WORDS = frozenset("mrs mrs. ms ms. madame mme lady frau señora signora senhora госпожа".split())
ROLE_WORDS = KINSHIP_WORDS | frozenset("""
president prime minister chancellor leader chief head commander spokesman spokeswoman spokesperson secretary
general ambassador envoy emir king queen prince princess sheikh ruler dictator founder chairman director
governor mayor deputy foreign defence defense interior tyrant strongman counterpart
président ministre chef dirigeant porte-parole presidente ministro jefe líder lider capo
präsident minister außenminister kanzler anführer sprecher chef herrscher machthaber staatschef
الطاغية
cumhurbaşkanı başkanı bakanı lideri başbakanı sözcüsü komutanı sekreteri arlywydd
presiden menteri prezydent premier președintele președinte राष्ट्रपति diktator thống trưởng
президент министр глава лидер премьер-министр главарь генсек генсекретарь
նախագահ նախարար արտգործնախարար վարչապետ ерөнхийлөгч сайд პრეზიდენტი მინისტრი პრემიერ-მინისტრი
رئيس الرئيس وزير زعيم قائد صدر رئیس נשיא הנשיא
presidenten ledaren diktatorn utrikesministern statsministern ministern sekretarz generalny prezydenta
prezident ministr předseda prezidentem predsednik председник министар президентът министър
πρόεδρος υπουργός canciller chancelier elnök miniszter külügyminiszter ministrul
שר ראש وزیر وزیرخارجہ وزیرخارجه رهبر
президенти
πρόεδρο προέδρου πρωθυπουργός πρωθυπουργό πρωθυπουργού υπουργό υπουργού ηγέτης ηγέτη δικτάτορας δικτάτορα
γραμματέας γραμματέα αρχηγός αρχηγό αρχηγού εκπρόσωπος ομόλογός ομόλογο ομολόγου βασιλιάς
секретар председател премиер говорител диктатор тиран председатель секретарь госсекретарь вождь канцлер
король эмир командующий командир посол представитель руководитель керівник очільник міністр прем'єр-міністр
речник лідер голова прем'єр
predsjednik premijer ministar šef glasnogovornik vođa sekretar
przywódca przywódcy dyktator dyktatora szef szefa rzecznik rzecznika lider lidera król premiera ministra
premiér diktátor vůdce šéf mluvčí tajemník prezidenta predseda
premierul liderul dictatorul șeful secretarul
președintelui premierului liderului șefului secretarului ministrului ministrul
miniszterelnök vezető diktátor főtitkár szóvivő elnöke
dittatore portavoce segretario mandatario dictador ditador secretario secretário portavoz porta-voz chanceler chefe
woordvoerder staatshoofd topman
præsident præsidenten statsminister statsministeren udenrigsminister udenrigsministeren utenriksminister
utenriksministeren utrikesminister lederen diktatoren generalsekretær generalsekreterare
presidentti pääministeri ulkoministeri ministeri johtaja diktaattori pääsihteeri
peaminister välisminister diktaator
prezidents premjerministrs ministrs līderis diktators vadītājs
prezidentas premjeras ministras lyderis diktatorius vadovas sekretorius
presidenti kryeministri ministri lideri diktatori sekretari
mevkidaşı bakan başkan lider diktatör diktatörü şefi
prezidenti həmkarı sədri
رئیس‌جمهور رئیس‌جمهوری نخست‌وزیر دیکتاتور سخنگوی دبیرکل همتای
وزیراعظم رہنما ترجمان
الزعيم القائد الوزير نظيره الديكتاتور الطاغية المتحدث الأمين الملك الأمير
מנהיג הרודן הדיקטטור
प्रधानमंत्री मंत्री नेता तानाशाह महासचिव प्रवक्ता प्रधानमन्त्री राष्ट्राध्यक्ष
রাষ্ট্রপতি প্রেসিডেন্ট প্রধানমন্ত্রী মন্ত্রী পররাষ্ট্রমন্ত্রী নেতা মহাসচিব
pemimpin sekjen sekretaris jurubicara tướng
kiongozi dikteta katibu pangulo kalihim shugaba shugaban madaxweyne madaxweynaha wasiirka hoggaamiye
forseti forsætisráðherra ráðherra utanríkisráðherra leiðtogi einræðisherra uachtarán gweinidog
portaveu secretari lehendakari buruzagi leier
პრეზიდენტმა პრეზიდენტის მინისტრმა მინისტრის ლიდერი ლიდერმა დიქტატორი დიქტატორმა მდივანი მდივანმა
նախագահը նախագահի վարչապետը նախարարը առաջնորդ բռնապետ քարտուղար
serok serokê wezîr wezîrê سەرۆک سەرۆکی سەرۆکى وەزیری
удирдагч дарангуйлагч президенті министрі басшысы көшбасшысы prezidenti rahbari
ፕሬዝዳንት ሚኒስትር
ஜனாதிபதி அதிபர் பிரதமர் அமைச்சர் தலைவர் అధ్యక్షుడు ప్రధాని మంత్రి నాయకుడు ಅಧ್ಯಕ್ಷ ಪ್ರಧಾನಿ ಸಚಿವ
പ്രസിഡന്റ് പ്രധാനമന്ത്രി മന്ത്രി നേതാവ് ਰਾਸ਼ਟਰਪਤੀ ਮੰਤਰੀ રાષ્ટ્રપતિ વડાપ્રધાન ජනාධිපති අගමැති
homologue homologues homólogo homóloga omologo amtskollege претседател претседателот predsednika predsjednika
serekdewlet serekdewletê serokdewlet serokdewletê ប្រធានាធិបតី
대통령 총리 장관 외무장관 외교장관 국방장관 지도자 최고지도자 대변인 사무총장 수장 국왕 왕세자 위원장 의장
사령관 지휘관 독재자
ولسمشر صدراعظم مشر ویاند
dictatorului tiranul tiranului hersker herskeren tyrannen tyrann tyranni
aare aarẹ aarẹ mw सदर
tirano tiranno tyran coronel colonnello boss vládce vládca vladar mentri madaxweynihii bwana मिस्टर gen
генсекретар general-major генерал-майор
المدعو الملقب أميرها أمير
""".split())
# a role in the genitive, in the languages that say "of" by the case: the kin (_KIN) or the body before it is the
# role holder's (mladší bratr syrského prezidenta Bašára Asada: the president's younger brother)
_GENITIVES = ("a", "u", "ου", "ого", "я")
# "of" between a word and a role: the role's holder is whose the word is (the envoy of President Putin)
_OF_WORDS = frozenset("of del della dello degli dei du des do da dos das von vom di".split())
# "M. el-Assad": the French title (Monsieur), or a given name's initial (the matcher tries both)
MONSIEUR = "M. "
# compared case-folded, as the words are read (Außenminister folds to aussenminister)
ROLE_FOLDED = frozenset(w.casefold() for w in ROLE_WORDS | _WOMENS_ROLES)
# Romanian is written with the cedilla letters (preşedintele) as well as with the comma below (președintele)
ROLE_FOLDED |= frozenset(w.translate(str.maketrans("șț", "şţ")) for w in ROLE_FOLDED)
_NO_SURNAME_ALONE = frozenset(w.casefold() for w in KINSHIP_WORDS | _WOMENS_ROLES | _WOMAN_TITLE_WORDS)
# the case endings of a Russian, Ukrainian or Bulgarian role word (президентом, генсеку, министра)
_CYRILLIC_ROLE_ENDING = re.compile("(?<=[а-яіїєґ]{4})(?:ом|ем|ым|у|ю|а|я|е|і|и)$")


# German writes a role into one word with what qualifies it (Übergangspräsident, Außenminister, Staatschef): a word
# ending in one of these, with four letters or more before it, is a role
_GERMAN_ROLE_ENDS = ("präsident", "minister", "herrscher", "machthaber", "chef", "kanzler", "diktator", "führer",
                     "sekretär")  # UNO-Generalsekretär
_GERMAN_ROLE_DECLINED = ("en", "es", "s", "n")
# Arabic's proclitics before a role's article (للرئيس, to the president; والرئيس, and the president)
_ARABIC_ROLE_PROCLITIC = re.compile("^(?:لل(?=[\u0621-\u064a]{3})|[وبف](?=ال))")


def _role(word: str) -> bool:
    """A role word, declined or not, or a compound that ends in one (Syrien-Diktator, Kreml-Chef,
    Übergangspräsident), or an Arabic one after a proclitic (للرئيس)."""
    whole = word.casefold().strip(",.\"“”«»")
    folded = whole.rsplit("-", 1)[-1]
    if whole in ROLE_FOLDED or folded in ROLE_FOLDED or _CYRILLIC_ROLE_ENDING.sub("", folded) in ROLE_FOLDED:
        return True
    if folded.startswith("ex") and folded[2:] in ROLE_FOLDED:  # Spanish and Portuguese write ex- on: exministro
        return True
    if any(folded.endswith(end) and len(folded) >= len(end) + 4 for end in _GERMAN_ROLE_ENDS):
        return True
    # German's genitive and weak endings on one: des Machthabers, des Präsidenten, Kremlchefs
    for ending in _GERMAN_ROLE_DECLINED:
        stem = folded[:-len(ending)]
        if folded.endswith(ending) and any(stem.endswith(end) for end in _GERMAN_ROLE_ENDS):
            return True
    m = _ARABIC_ROLE_PROCLITIC.match(folded)
    return m is not None and ("ال" + folded[m.end():] if m.group(0) == "لل" else folded[m.end():]) in ROLE_FOLDED


@dataclass(frozen=True)
class Part:
    text: str
    how: str  # how the part was read from the string, said in the answer
    # only a match as written, normalized, by transliteration or aligned in full counts (never a surname or a looser
    # resemblance): a reading that takes a letter off a word must not make another name (بشار less ب is شار)
    strict: bool = False
    # the words after "capital" or "city": a city's name; a country there is the country the city is of
    city: bool = False
    # the type of entity the string says the part is (a title after a name: a person), resolved with that type
    type: str | None = None
    # only a match as written, normalized or by transliteration counts, never an alignment: a common noun left
    # before a country's adjective may align with a name (الرئاسة, the presidency, with Russia)
    keyed: bool = False
    # the words that say where it is ("Homs, Syria": Syria; "الجامع الأموي في دمشق": دمشق): the matcher keeps the
    # part's match only for an entity of the store in that place (Index.places_of), and none for one the store
    # puts elsewhere (the Umayyad Mosque of Aleppo is not the one of Damascus)
    place: str = ""
    # whether the part is a reading only when `place` names a place of the store ("Homs, Syria"); not for one read
    # anyway, the place only able to rule an entity out ("Umayyad Mosque (Aleppo)")
    placed: bool = True
    # an acronym in parentheses may be the name's (Free Syrian Army (FSA), Korea (DPRK)) or a place's that qualifies
    # the name around it (Virgin Islands (U.S.)): here, that name; a country found in the part is a reading only
    # when the name around it leans to that country too
    qualifies: str = ""
    # the description after the part, when there is one: a place found in the part is a reading only when the
    # description names a place the store puts it in ("Deir ez-Zor, ville de l'est syrien"), as it may say in words
    # the store cannot read that the place is a namesake ("Palmyra, une ville de l'État de New York"); it seldom
    # does after a person's name
    described: str = ""
    # whether the place is said as where the name is from ("of", or the place or its adjective first: Sergei Lavrov
    # of Russia, Russia's Lavrov), which a person may be, not where it is (Assad in Moscow)
    origin: bool = False

    def __str__(self) -> str:
        return f"{self.text!r} ({self.how})"


def alternatives(text: str, lexicon: Lexicon | None = None,
                 is_country: Callable[[str], bool] | None = None,
                 elsewhere: Callable[[str], bool] | None = None) -> list[Part]:
    """The names a string holds besides itself, most specific first, at most MAX_PARTS; [] for a plain name.
    With the store's lexicon and a test of which of its places are countries (Index.has_code), also the name
    after a country's at the start of a run of Chinese or Japanese. With a test of which texts name a country the
    store does not hold (aliases/others/), a name qualified by one in parentheses is not read without it."""
    text = " ".join(text.split())
    out: list[Part] = []

    def add(candidate: str, how: str, strict: bool = False, city: bool = False, type: str | None = None,
            keyed: bool = False, place: str = "", placed: bool = True, qualifies: str = "",
            described: str = "", origin: bool = False) -> None:
        candidate = " ".join(candidate.strip(" ,;:-–—").split())
        if candidate and candidate != text and len(out) < MAX_PARTS and all(
                p.text != candidate or p.place != place for p in out):
            out.append(Part(candidate, how, strict, city, type, keyed, place, placed, qualifies, described, origin))

    m = _DOMAIN.match(text)
    if m and "." in text and " " not in text:
        add(m.group(1), "the name in a web address")
        return out
    head = _apposition_head(text, lexicon, elsewhere)
    if head:  # "Hafez al Assad, pai do atual líder sírio": the name, then what it is; nothing after the comma is
        # read (Asma Assad, cônjuge de Bashar Assad: not Bashar)
        described = text.partition(", ")[2]
        add(head, "the name before its description", described=described)
        _case_ending(head, lambda *a, **k: add(*a, **k, described=described))
        return out
    for piece in _SPLITTERS.split(text):
        if piece != text:
            add(piece, "one of names written apart by / or ;")
    for piece in [text, *(p.text for p in list(out))]:
        _parenthesised(piece, add, elsewhere, lexicon)
    _quoted(text, add)
    _surname_first(text, add)
    _after_role(text, add, lexicon)
    _before_description(text, add)
    _case_ending(text, add)
    _genitive_s(text, add)
    _script_ending(text, add)
    _before_postposition(text, add)
    _proclitic(text, add)
    _after_preposition(text, add)
    _after_article(text, add)
    if text.startswith(MONSIEUR) and len(text) > len(MONSIEUR) + 1:  # the French title, or an initial: both tried
        add(text[len(MONSIEUR):], "the name after 'M.' (Monsieur)")
    _thai_prefix(text, add)
    _after_place_word(text, add)
    _before_place_word(text, add)
    _after_organisation_word(text, add)
    _after_members_word(text, add)
    _after_backer(text, add)
    _before_agency_word(text, add)
    _arabic_apposition(text, add)
    _before_title(text, add)
    _inverted(text, add)
    _after_greek_article(text, add)
    _in_place(text, add, lexicon)
    _place_suffix(text, add)
    if lexicon is not None and is_country is not None:
        _after_country(text, add, lexicon, is_country)
        _after_no(text, add, lexicon, is_country)
    for part in list(out):  # a part's own ending (ქალაქ ალეპოს: the name after "city", less the Georgian -ს)
        def add_ending(candidate: str, how: str, strict: bool = False, city: bool = False, type: str | None = None,
                       keyed: bool = False, place: str = "", placed: bool = True, part: Part = part) -> None:
            add(candidate, f"{part.how}, {how}", True, part.city or city, part.type or type, part.keyed or keyed,
                part.place or place, part.placed and placed)

        _case_ending(part.text, add_ending)
        _script_ending(part.text, add_ending)
    return out


Add = Callable[..., None]

# city and country written after a place's name in Chinese, Japanese and Korean (ホムス市, 哈马市, 이들립시,
# 알 쿠사이르시; カタール国, 以色列國): the name before them, a place's, as written or by its key (strict): 美国 less 国
# is no name
_PLACE_SUFFIXES = ("市", "시", "国", "國")
_CJK_NAME = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3・·]{2,}")


def _place_suffix(text: str, add: Add) -> None:
    """"ホムス市", "알 쿠사이르시", "カタール国": the place's name without the word for city or country after it."""
    if not text.endswith(_PLACE_SUFFIXES):
        return
    name = text[:-1].strip()
    if _CJK_NAME.fullmatch(name.replace(" ", "")):
        # before city, a country found is the one the city is of, not the city (卡達市)
        add(name, f"the name before {text[-1]!r}", True, text[-1] in "市시", "location", True)


# what a place is, said in parentheses after its name: another entity than the place of that name (Latakia
# (Gouvernorat) is the governorate; Abu Dhabi (Emirate) the emirate, not its city)
_KIND_OF_PLACE = frozenset({"governorate", "province", "region", "emirates"})


def _parenthesised(text: str, add: Add, elsewhere: Callable[[str], bool] | None = None,
                   lexicon: Lexicon | None = None) -> None:
    """'A (B) C': 'A C', and B; 'Mahmoud (a.k.a. Mahmud) ABBAS': also 'Mahmud ABBAS'; 'X (PKK)': 'PKK'.
    A qualifier in lower case says what the thing is ('Хама (мухафаза)' is the governorate, not the city): such a
    string has no alternatives; so has one whose word the lexicon reads as a kind of place, capitalised or in a
    script without case ('Latakia (Gouvernorat)', 'ਅਬੂ ਧਾਬੀ (ਇਮਰਾਤ)'). One capitalised word is a qualifier of place
    ('Front du Sud (Syrie)'): the name is outside it; but a country the store does not hold (`elsewhere`) says
    the place is another of that name ('パルミラ (コロンビア)', Palmira in Colombia): no alternatives either."""
    for m in _PARENS.finditer(text):
        inner = m.group(1).strip()
        before, after = text[: m.start()].strip(), text[m.end():].strip()
        outside = f"{before} {after}".strip()
        if inner[:1].islower() and not _AKA.match(inner) or elsewhere is not None and elsewhere(inner):
            continue
        if _kin_said(inner.split()) or any(k in inner for k in _CJK_KIN):
            continue  # アサド大統領(父親の方), Assad (father): which of a family's namesakes, said in parentheses
        if lexicon is not None and " " not in inner and lexicon.concepts.get(normalize(inner)) in _KIND_OF_PLACE:
            continue  # capitalised as German writes every noun, or in a script without case: what it is too
        aka = _AKA.match(inner)
        if aka:
            named = inner[aka.end():].strip()
            add(outside, "the name around an a.k.a.")
            if before and " " not in named and after:
                add(f"{before.rsplit(' ', 1)[0] + ' ' if ' ' in before else ''}{named} {after}",
                    "the a.k.a. in place of the word before it")
            add(named, "an a.k.a. in parentheses")
            continue
        # one capitalised word is a qualifier of place ('Front du Sud (Syrie)'): where the thing is, which rules
        # out an entity the store puts elsewhere ('Umayyad Mosque (Aleppo)')
        add(outside, "without the words in parentheses", place=inner if " " not in inner else "", placed=False)
        if _ACRONYM.match(inner):
            add(inner, "the acronym in parentheses", qualifies=" ".join(outside.split()))
        elif " " in inner:
            add(inner, "the name in parentheses")


def _quoted(text: str, add: Add) -> None:
    """'Ahmed "Abu Mohammed" al-Sharaa': a nickname between the given name and the surname. Quotes that begin a
    string hold an organisation's name, the words after saying whose it is or what ('«Южный фронт» сирийских
    повстанцев'; '«Астана» футбол клубы' is a club, not the city). Quotes that end a string hold the name of what
    the words before say it is, an organisation after its legal form or its kind ('ФГУП «РИА Новости»',
    'الرئاسة الروسية “الكرملين”'), or a place after "city": the quoted name is resolved as that type, so that
    'ФК «Астана»', a football club, is never the city."""
    m = _QUOTED.search(text)
    if not m:
        return
    if not text[: m.start()].strip():  # «Южный фронт» Свободной сирийской армии: whose it is follows the name
        after = text[m.end():].split()
        # (not where it is: "Аль-Каида" в странах исламского Магриба is its branch there, another group)
        if after and not _QUOTED.search(text, m.end()) and after[0].casefold() not in _QUALIFYING:
            add(m.group(1), "the name in quotes that begins the string, as an organisation", type="organization")
        return
    if text[m.end():].strip():
        add(_QUOTED.sub(" ", text), "without the nickname in quotes")
        add(m.group(1), "the nickname in quotes")
        add(_QUOTED.sub(lambda q: q.group(1), text), "with the quotes taken off")
        return
    before = [w.casefold().strip(",.:") for w in text[: m.start()].split()]
    kind = "location" if any(w in PLACE_FOLDED for w in before) else "organization"
    add(m.group(1), f"the name in quotes after what it is, as a{'' if kind == 'location' else 'n'} {kind}",
        type=kind)


def _surname_first(text: str, add: Add) -> None:
    """'AL-HASSAN Ahmad Khalil', 'ASSAD Maher': a surname in capitals before the given names, no comma."""
    words = text.split()
    caps = 0
    while caps < len(words) and words[caps].isupper() and any(ch.isalpha() for ch in words[caps]):
        caps += 1
    rest = words[caps:]
    titled = all(w[:1].isupper() and not w.isupper() for w in rest)  # given names: Ahmad Khalil
    long_enough = all(sum(ch.isalpha() for ch in w) >= 3 for w in words[:caps])  # not a legal form (ФК, LLC)
    if 0 < caps <= 2 and rest and titled and long_enough and "," not in text:
        add(" ".join(rest + words[:caps]), "a surname in capitals written first")


AFTER_ROLE = "the name after a role"  # how a person's name after a role is read (the matcher reads it so)


# the lexicon's concepts of a body whose holder a role after them in the genitive names (armią prezydenta Baszara
# al-Asada: the president's army)
_BODIES = frozenset({"army", "forces", "ministry", "foreign_ministry", "government", "party", "council", "movement",
                     "coalition"})


def _after_role(text: str, add: Add, lexicon: Lexicon | None = None) -> None:
    """'Syrian President Bashar al-Assad', 'министр иностранных дел России Сергей Лавров': the name after a role;
    'Russian dictator Putin', 'dictator Assad': a surname alone after one, read as a person's name."""
    words = text.split()
    if len(words) < 2:
        return
    roles = [i for i, w in enumerate(words[:-1]) if _role(w)]
    if not roles:
        return
    before = [w.casefold() for w in words[:roles[0]]]
    genitive = words[roles[0]].casefold().endswith(_GENITIVES)
    kin_of = genitive and (any(w in _KIN for w in before) or (lexicon is not None and any(
        lexicon.concept(normalize(w)) in _BODIES for w in before)))
    if (kin_of or any(w in _OF_WORDS for w in before[1:])) and not any(w.endswith(",") for w in words[roles[0]:]):
        # "el hermano menor del presidente sirio Bashar al-Ásad", "the wife of former President Bashar al-Assad",
        # "il rappresentante speciale del presidente Putin": a word and "of" before the role, and the name after the
        # role says whose kin or envoy the string names, not whom; after a comma, the name is the head's own (la
        # esposa del presidente, Asma)
        return
    tail = words[roles[-1] + 1:]
    # what Arabic says of the role after it, before the name: the country's adjective and former, deposed,
    # transitional (الرئيس السوري السابق بشار الأسد, الرئيس الأمريكي ترامب)
    while len(tail) > 1 and (tail[0] in _ARABIC_NISBAS or tail[0] in _ARABIC_ROLE_QUALIFIERS):
        tail = tail[1:]
    named = []
    # a string all in small letters (dictatorul sirian bashar al-assad) marks no name by its capitals: its words are
    # read as a name's
    lower = text == text.lower() and text != text.upper()
    for w in reversed(tail):  # the words of a name that end the string
        if not (_name_word(w) or (lower and w[:1].isalpha())):
            break
        named.insert(0, w)
    for name in (named[-4:], named[-3:], named[-2:]):
        # a person's: after "head of", an organisation's name says whose head (глава МИД России); not the name's
        # particle and surname cut from its given name (αλ Άσαντ of Χαφέζ αλ Άσαντ)
        if len(name) >= 2 and not (len(named) > len(name) and _particle(name[0])):
            add(" ".join(name), AFTER_ROLE, type="person")
    # an acronym before a name written in small letters says whose role it is (Генсек ООН Гутерриш: the UN's); in a
    # name written in capitals (Commander MAHER AL-ASSAD) it is a word of the name
    while len(named) > 1 and _ACRONYM.match(named[0]) and named[0].isupper() and not any(
            w.isupper() for w in named[1:]):
        named.pop(0)
    said = {w.casefold().strip(",.") for w in words[:roles[-1] + 1]}  # Mrs President Assad: a woman's role too
    # (a surname with its article joined counts: HTS-Chef al-Dscholani, le dirigeant syrien al-Assad)
    if len(named) == 1 and not said & _NO_SURNAME_ALONE and len(named[0]) >= 4 and (
            not _particle(named[0]) or "-" in named[0]):
        # a surname alone after a role (Russian dictator Putin, Генсек ООН Гутерриш): a person's, answered as the
        # surname alone is (a surname many bear stays ambiguous)
        add(named[0], AFTER_ROLE, type="person")


# the Arabic article and the particles of Arabic names, written in lower case inside a name (al-Assad, аш-Шараа,
# Ахмед аш Шараа, bin, ibn, abu, Χαφέζ αλ Άσαντ), in Latin, Cyrillic and Greek
_ARTICLES = frozenset("al el ad ash as az at an ar ud ul аль аш ас аз ат ан ар ад эль ал αλ ελ".split())
_NAME_PARTICLES = ("al-", "el-", "ad-", "ash-", "as-", "az-", "at-", "an-", "ar-", "bin", "ibn", "abu", "аль-", "аш-",
                   "ас-", "аз-", "ат-", "ан-", "ар-", "ад-", "эль-", "ал-", "бин", "ибн", "абу", "αλ-", "ελ-")


# Greek's articles, which news writes before a name in every case (του Άσαντ, of Assad; τον Πούτιν): no name of
# the store begins with one. Only the masculine and neuter singular: a foreign surname does not decline, so a
# feminine article makes it a woman's (την Άσαντ), a plural one the family's (των Άσαντ)
_GREEK_ARTICLES = frozenset("ο το του τον".split())


def _after_greek_article(text: str, add: Add) -> None:
    """"του Άσαντ" (of Assad): the name after a Greek article that begins the string."""
    first, _, rest = text.partition(" ")
    if rest and first.casefold() in _GREEK_ARTICLES and any("\u0370" <= ch <= "\u03ff" for ch in rest):
        add(rest, "the name after a Greek article")


def _name_word(w: str) -> bool:
    """A word of a name: capitalised, of a script without case (Georgian among them: Unicode calls its letters
    small, and it writes no capitals), or a particle of an Arabic name in lower case (al-Assad, аш Шараа)."""
    return (w[:1].isupper() or (w[:1].isalpha() and not w[:1].islower()) or "\u10d0" <= w[:1] <= "\u10ff"
            or w.lower().startswith(_NAME_PARTICLES) or w.lower() in _ARTICLES)


def _particle(w: str) -> bool:
    return w[:1].islower() and (w.lower().startswith(_NAME_PARTICLES) or w.lower() in _ARTICLES)


# words for kin: in a description after a name, the name is one of a family's, which its head alone may not tell
# apart (Hafez al-Assad, son of Bashar: the grandson); before a role in the genitive, the kin is the holder's
_KIN = frozenset("""
brother sister wife husband son daughter father mother widow cousin uncle nephew niece spouse grandson granddaughter
hermano hermana esposa esposo mujer marido hijo hija padre madre viuda primo prima tío sobrino cuñado nieto nieta
irmão irmã mulher filho filha pai mãe viúva tio sobrinho cunhado cônjuge neto neta
frère sœur soeur épouse femme mari fils fille père mère veuve oncle neveu nièce petit-fils
fratello sorella moglie marito figlio figlia vedova cugino zio nipote cognato
bruder schwester ehefrau frau ehemann sohn tochter vater mutter witwe onkel neffe schwager enkel
брат сестра жена муж сын дочь отец мать вдова внук брата жены сына
bratr sestra manželka manžel syn dcera brat siostra żona mąż córka bratom supruga suprug sin kći kćer
αδελφός αδερφός σύζυγος γιος κόρη χήρα
""".split())
# the same in Chinese, Japanese and Korean, found inside a word (父親の方, the father)
_CJK_KIN = ("父", "母", "息子", "兄", "弟", "妻", "夫人", "儿子", "兒子", "아버지", "아들", "동생", "아내", "형")
# the words that join a second name after a comma (Bashar al-Assad, and Putin): a list, not a description
_LIST_WORDS = frozenset("and or y o e ou et und oder i и или ve veya".split())


def _kin_said(words: list[str]) -> bool:
    """Whether a word for kin is among these (a possessive's 's taken off: the president's brother)."""
    for w in words:
        w = w.casefold().strip(".,;:!?\"“”«»")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if w in _KIN:
            return True
    return False


def _apposition_head(text: str, lexicon: Lexicon | None = None,
                     elsewhere: Callable[[str], bool] | None = None) -> str:
    """The name before a comma when the words after it are a description in small letters, as news writes an
    apposition ("Ahmed al Sharaa, presidente interino de Siria"; "Al-Jalali, seit 2014 unter EU-Sanktionen"): a
    head of one to four words with a capital, in an alphabet with capitals, and one comma; "" otherwise."""
    head, sep, tail = text.partition(", ")
    if not sep:  # the Arabic comma, before a description that begins with a role (بەشار ئەسەد، سەرۆکى سووریا)
        head, sep, tail = text.partition("، ")
        if not sep or "،" in tail or not _role(tail.split(" ", 1)[0]):
            return ""
    elif "," in tail or not tail[:1].islower() or tail.split(" ", 1)[0] in _LIST_WORDS:
        return ""
    words = head.split()
    if not 1 <= len(words) <= 4 or not any(w[:1].isupper() or not w[:1].islower() for w in words) or "(" in head:
        return ""
    said = tail.split()
    if _kin_said(said):
        return ""  # "Hafez al-Assad, hijo de Bashar": the description says which of a family's namesakes it is
    if lexicon is not None and any(lexicon.concepts.get(normalize(w)) in _KIND_OF_PLACE for w in said[:3]):
        return ""  # "Latakia, gouvernorat côtier": what it is is another entity than the city
    if elsewhere is not None and any(elsewhere(" ".join(said[i:i + n]).strip(".,;:")) for n in (1, 2)
                                     for i in range(len(said) - n + 1) if said[i][:1].isupper()):
        return ""  # "Homs, ciudad costera de Libia": a country the store does not hold says it is a namesake
    return head


def _before_description(text: str, add: Add) -> None:
    """'Jabhat al-Nusra, the Syrian branch of al-Qaeda': the name before a description."""
    head, sep, tail = text.partition(", ")
    if sep and tail.split(" ", 1)[0].casefold() in DESCRIPTION_STARTS and not _kin_said(tail.split()):
        add(head, "the name before its description", described=tail)


# Hungarian lengthens a name's last a or e before its ending (Hamában, Moszkvából, Szíriának); an acronym takes
# its ending after a hyphen in Hungarian (TASZSZ-nak, ENSZ-ben), Mongolian (ОХУ-ын, НҮБ-д) and Turkmen (ABŞ-a), and
# after a colon in Finnish and Swedish (YK:n, TASS:s)
_HUNGARIAN_LENGTHENED = re.compile(r"(\w{2,})([áé])(?:ban|ben|ból|ből|ba|be|hoz|hez|nak|nek|val|vel|ról|ről|tól|től"
                                   r"|ra|re|t)$")
_ACRONYM_ENDING = re.compile(r"^([A-ZÀ-ÝŞĞİŠŽČĆА-ЯЁІЇЄЎҮӨҢҚҒҰҺӘΑ-Ω]{2,8})[-:][a-zà-ÿäöüőűışğšžčа-яёіїєўүөңқғұһә]{1,5}$")


def _case_ending(text: str, add: Add) -> None:
    """"ÖSO'ya", "BM'nin", "Esad'ın", "Şam’a": the names without the case endings Turkish and Azerbaijani write
    after an apostrophe; "Helebê", "HSDê", "HTŞ’ê": without the Kurdish (Kurmanji) ending ê. After an
    apostrophe, only an ending of two letters or more, or one after a capital (BAE'ye, SDG'e) or in a word with
    a letter of Turkish (Şam’a), so that an apostrophe of transliteration (Shar'a, Hay'at) is left alone."""
    bare = _CASE_ENDING.sub("", text)
    bare = _ONE_LETTER_ENDING.sub(lambda m: m.group(1) if _TURKISH_LETTERS.search(m.group(1)) else m.group(0), bare)
    if bare != text:
        add(bare, "without its case ending")
    kurdish = _KURDISH_ENDING.sub("", text)
    if kurdish != text:
        add(kurdish, "without its Kurdish ending")
    head, _, last = text.rpartition(" ")
    m = _HUNGARIAN_LENGTHENED.fullmatch(last)
    if m:
        add(f"{head} {m.group(1)}{'a' if m.group(2) == 'á' else 'e'}".strip(), "without its case ending", True)
    m = _ACRONYM_ENDING.fullmatch(last)
    if m:
        add(f"{head} {m.group(1)}".strip(), "without its case ending", True)


# a Latin word of five letters or more before its -s, not -ss
_GENITIVE_S = re.compile("[A-Za-zÀ-ÖØ-öø-ɏ]{4,}[A-Za-rt-zÀ-ÖØ-öø-ɏ]s")


def _genitive_s(text: str, add: Add) -> None:
    """"Putins", "Assads", "Trumps": German's and the Scandinavian languages' genitive -s on a person's name,
    without it. Only a Latin name whose words are names, its last of five letters or more before the -s; only for
    a person (Part.type), and only as written, normalized or by its key, never by a surname's sound or an
    alignment (Part.strict and Part.keyed): Hamas is not Hama's, Tartus not Tartu's, and Colinas, Cheras and Loures
    only sound like al-Jolani, al-Sharaa and Lawrow without their -s."""
    words = text.split()
    last = words[-1] if words else ""
    if not _GENITIVE_S.fullmatch(last) or not last[:1].isupper() or not all(_name_word(w) for w in words) or (
            len(words) > 4):
        return
    add(" ".join([*words[:-1], last[:-1]]), "without the genitive's -s", True, type="person", keyed=True)


# the endings Georgian, Armenian, Bengali, Tamil and others write on a name's last word (its case, or Georgian's
# nominative -ი on a name that ends in a consonant), longest first: ასტანაში (in Astana), ტრამპმა, Հալեպում (in
# Aleppo), মস্কোতে (in Moscow), শামের (of Sham). Each script's letters only, so no Latin name is cut.
_HANGUL = re.compile("[\uac00-\ud7a3]")
_ETHIOPIC = re.compile("[\u1200-\u137f]")
_KANNADA = re.compile("[\u0c80-\u0cff]")
_MALAYALAM = re.compile("[\u0d00-\u0d7f]")
_SCRIPT_ENDINGS = (
    (re.compile("[\u10d0-\u10ff]"), ("ისთვის", "ისგან", "ივით", "იდან", "დან", "თან", "ში", "ზე", "ის", "ით", "ად",
                                      "მა", "ს", "ი", "მ"), None),
    (re.compile("[\u0531-\u0587]"), ("ում", "ից", "ով", "ին", "ի", "ը", "ն"), None),
    (re.compile("[\u0980-\u09ff]"), ("েতে", "তে", "কে", "ের", "র", "য়", "ে"), None),
    # Tamil, after a vowel (with the glide வ or ய) or fused with a final consonant (புடின் + இன் = புடினின்)
    (re.compile("[\u0b80-\u0bff]"), ("வுக்கு", "வுடன்", "வின்", "வில்", "வும்", "வை", "யின்", "யில்", "யும்", "யை",
                                      "ுக்கு", "ுடன்", "ின்", "ில்", "ும்", "ை"), None),
    # Kazakh, Kyrgyz and Uzbek cases (Астанада, Дамаскта, Сирияның, Латакиянын, Қозоғистоннинг) and Bulgarian's
    # definite article (Сирията, Кремълът), on a Cyrillic word
    (re.compile("[\u0400-\u04ff]"), ("нинг", "ның", "нің", "дың", "дің", "тың", "тің", "нын", "нин", "нун", "нүн",
                                      "дын", "дин", "тын", "тин", "нан", "нен", "дан", "ден", "тан", "тен", "да",
                                      "де", "та", "те", "ға", "ге", "қа", "ке", "га", "ът", "ят"), None),
    # Uyghur (Arabic script with its vowels written: دەمەشىقنىڭ), only in a word that has one of its own letters:
    # Arabic and Persian words are not cut by its endings
    (re.compile("[\u0626-\u06d5]"), ("نىڭ", "دىن", "تىن", "دا", "دە", "تا", "تە", "غا", "گە", "قا", "كە"),
     re.compile("[ەىېۆۇۈڭ]")),
    # Nepali's and Marathi's postpositions, written onto the name (तासले, रशियाचे, दोहास्थित, रशियात); Hindi writes its own
    # apart
    (re.compile("[\u0900-\u097f]"), ("स्थित", "लाई", "बाट", "मध्ये", "ले", "को", "मा", "ची", "चा", "चे", "ला", "त"),
     None),
    # Gujarati's and Telugu's case endings (દમાસ્કસમાં, બશર અલ-અસદના; హమాను, డమాస్కస్లోకి)
    (re.compile("[\u0a80-\u0aff]"), ("માંથી", "માં", "થી", "ના", "ની", "નું", "નો", "ને"), None),
    (re.compile("[\u0c00-\u0c7f]"), ("లోకి", "లోని", "లో", "ను", "కు", "తో", "ని"), None),
    # Sinhala's (රුසියාවට, to Russia; සිරියාවේ, in Syria: the e sign in place of the final a)
    (re.compile("[\u0d80-\u0dff]"), ("ගේ", "ට", "හි", "ේ"), None),
    # Kannada's and Malayalam's case endings (ಡಮಾಸ್ಕಸ್ಗೆ, to Damascus; ಎಚ್ಟಿಎಸ್ನ, of HTS; ഖായിദയുടെ, of Qaeda)
    (_KANNADA, ("ನಲ್ಲಿ", "ದಲ್ಲಿ", "ಕ್ಕೆ", "ನ್ನು", "ಿಂದ", "ಗೆ", "ನ", "ದ"), None),
    (_MALAYALAM, ("ിന്റെ", "യുടെ", "ന്റെ", "യിൽ", "യ്ക്ക്", "ക്ക്", "ിൽ", "യെ", "നെ"), None),
    # Amharic's object ending (ኃፌዝ አል አሳድን), a syllable; two syllables of name left
    (_ETHIOPIC, ("ን",), None),
    # Korean particles (모스크바에서, 북한에), a syllable each; two syllables of name left
    (_HANGUL, ("에서는", "에서", "으로", "에게", "까지", "부터", "에는", "의", "에", "은", "는", "을", "를", "와", "과",
               "로", "도", "이", "가"), None),
)  # (a script's letters, its endings, a letter the word must have or None)
_TAMIL_PULLI = "\u0bcd"
_VIRAMA = {_KANNADA: "\u0ccd", _MALAYALAM: "\u0d4d"}  # the sign that ends a consonant with no vowel
_TAMIL_CONSONANT = re.compile("[\u0b95-\u0bb9]")


def _script_ending(text: str, add: Add) -> None:
    """"ასტანაში", "დონალდ ტრამპმა", "Հալեպում", "মস্কোতে", "ஆசாத்தின்", "Астанада", "دەمەشىقنىڭ", "तासले",
    "모스크바에서": the name without the ending that Georgian, Armenian, Bengali, Tamil, Kazakh, Kyrgyz, Bulgarian,
    Uyghur, Nepali, Marathi or Korean write on its last word (a hyphenated one too: আল-আসাদের), three letters or
    more left (four after a one-letter ending; two Korean syllables). Strict (Part.strict): a name may end in
    these letters itself."""
    head, _, last = text.rpartition(" ")
    for letters, endings, required in _SCRIPT_ENDINGS:
        if not letters.fullmatch(last[-1:]):
            continue
        if required is not None and not required.search(last):
            return
        for ending in endings:
            stem = last[: -len(ending)]
            # a letter's ending leaves four letters or more: ჰომი is not the acronym ჰომ (האו"ם, the UN) with -ი;
            # a Korean syllable is a letter and its vowel, and two of them make a name (북한, 이란)
            least = 2 if letters is _HANGUL or letters is _ETHIOPIC else 3 + (len(ending) == 1)
            if last.endswith(ending) and len(stem) >= least and all(letters.fullmatch(ch) or ch == "-"
                                                                    for ch in stem) and stem[-1] != "-":
                if letters in _VIRAMA and not ending[0].isalpha():  # the vowel sign took the place of its virama
                    stem += _VIRAMA[letters]  # ദമാസ്കസിൽ: ദമാസ്കസ് and ഇൽ
                    if ending == "ിന്റെ":  # or a final ൻ before the genitive: പുടിന്റെ is പുടിൻ's
                        add(f"{head} {stem[:-1]}ിൻ".strip(), "without its case ending", True)
                elif _TAMIL_CONSONANT.fullmatch(stem[-1]) and not ending[0].isalpha():  # a vowel sign fused with it
                    # a consonant doubled before the vowel (ஆசாத் + இன் = ஆசாத்தின்) once; else its pulli back
                    doubled = len(stem) >= 3 and stem[-2] == _TAMIL_PULLI and stem[-3] == stem[-1]
                    stem = stem[:-1] if doubled else stem + _TAMIL_PULLI
                add(f"{head} {stem}".strip(), "without its case ending", True)
                return
        return


# Hindi's, Urdu's and Marathi's postpositions, written apart after the name: बशर अल असद का (Bashar al-Assad's),
# पुतिन ने, بشار الاسد کی, बशर अल असद यांनी (Marathi's honorific "by")
_POSTPOSITIONS = frozenset("""
का की के को ने से में पर यांनी यांच्या यांना यांचे यांची کا کی کے کو نے سے میں پر द्वारा विरुद्ध
ਦਾ ਦੀ ਦੇ ਨੂੰ ਨੇ ਤੋਂ ਵਿੱਚ ਵਿਚ ਦੁਆਰਾ ਵਿਰੁੱਧ ਨਾਲ
سابقا سابقاً
""".split())  # Hindi, Marathi, Urdu; Punjabi (ਪੁਤਿਨ ਦੀ, ਅਸਦ ਨੂੰ); and Arabic's "formerly" after a name (جبهة النصرة سابقا)


def _before_postposition(text: str, add: Add) -> None:
    """"बशर अल असद यांनी", "پوتن کے": the name before the postposition that ends the string."""
    head, _, last = text.rpartition(" ")
    if head and last in _POSTPOSITIONS:
        add(head, f"the name before {last!r}")


# a word of Arabic script with a letter attached before it: و (and), ب (in, with), ل (to, for), ف (so), ك (as),
# and before the article (وال، بال، لل); a word of Hebrew with ב (in), ל (to), ו (and), מ (from), כ (as), ש
# (that) or ה (the). The word left must have three letters or more.
_ARABIC_PROCLITICS = (re.compile(r"^[وفبلك](?=[\u0621-\u064a]{3,})"), re.compile(r"^[وف][بلك](?=[\u0621-\u064a]{3,})"))
_ARABIC_BEFORE_ARTICLE = re.compile(r"^(?:[وف]?[بك]ال|[وف]ال|[وف]?لل)(?=[\u0621-\u064a]{2,})")
_HEBREW_PROCLITIC = re.compile(r"^(?:ו?[בלמכשה]|ו)(?=[\u05d0-\u05ea]{3,})")
# Amharic's የ (of), ከ (from) and ለ (to, for) before a word of two syllables or more (የሃያት ታህሪር አል-ሻም: of
# HTS; ለአሳድ: to Assad)
_ETHIOPIC_PROCLITIC = re.compile("^[የከለ](?=[\u1200-\u137f]{2,})")
# Hebrew's ב, ל and כ take the article's place: באו"ם is in the UN (ב + האו"ם). Read only before an acronym (its
# gershayim inside it): before a word, ה + the word would be another word (באמצע, in the middle, is no האמצע)
_HEBREW_ARTICLE_TAKEN = re.compile("^ו?[בלכ](?=[\u05d0-\u05ea]+[\"\u05f4][\u05d0-\u05ea])")


def _proclitic(text: str, add: Add) -> None:
    """"لتاس" (to TASS), "والكيان" (and the entity), "באבו דאבי" (in Abu Dhabi), "የሃያት" (of Hayat): the name
    without the letter that Arabic, Hebrew and Amharic attach before a word. Strict (Part.strict), as a name may
    begin with one of these letters (بشار, Bashar; ليبيا, Libya)."""
    first, _, rest = text.partition(" ")
    tail = f" {rest}" if rest else ""
    if _ARABIC_BEFORE_ARTICLE.match(first):
        add(_ARABIC_BEFORE_ARTICLE.sub("ال", first) + tail, "without the letter attached before it", True)
    for attached in _ARABIC_PROCLITICS:  # one letter (وبشار: and Bashar), or two (وبحلب: and in Aleppo)
        if attached.match(first):
            add(attached.sub("", first) + tail, "without the letter attached before it", True)
    rest_of = _HEBREW_PROCLITIC.sub("", first)
    # a ו after the letter taken off is the word's own (Hebrew writes ו, "and", first): בושרא (Bushra) is not ב +
    # ושרא, which reads like בשאר (Bashar), ב and ו being both v
    if rest_of != first and (not rest_of.startswith("ו") or rest_of.startswith("וו")):
        add(rest_of + tail, "without the letter attached before it", True)
    if _HEBREW_ARTICLE_TAKEN.match(first):
        add("ה" + _HEBREW_ARTICLE_TAKEN.sub("", first) + tail, "the article the letter before it took the place of",
            True, keyed=True)
    if _ETHIOPIC_PROCLITIC.match(first):
        add(_ETHIOPIC_PROCLITIC.sub("", first) + tail, "without the letter attached before it", True)


# Thai writes no space between a word and the name after it: "city" (กรุง, the word before a capital's name, เมือง,
# นคร) and a role (ประธานาธิบดี, president; นายกรัฐมนตรี, prime minister; รัฐมนตรีต่างประเทศ, foreign minister; นาย,
# Mr) before a name of three letters or more
_THAI_CITY = re.compile("^(?:กรุง|เมือง|นคร)(?=[\u0e01-\u0e4e]{3,})")
_KHMER_CITY = re.compile("^ក្រុង(?=[\u1780-\u17ff]{3,})")  # Khmer writes its "city" onto the name too
_THAI_ROLE = re.compile("^(?:ประธานาธิบดี|นายกรัฐมนตรี|รัฐมนตรีต่างประเทศ|นาย)(?=[\u0e01-\u0e4e]{3,})")


def _thai_prefix(text: str, add: Add) -> None:
    """"กรุงดามัสกัส" (the city Damascus), "ประธานาธิบดีปูติน" (President Putin): the name without the word
    written onto it. Strict (Part.strict); the name after "city" is a city's (Part.city)."""
    first, _, rest = text.partition(" ")
    tail = f" {rest}" if rest else ""
    if _THAI_CITY.match(first):
        add(_THAI_CITY.sub("", first) + tail, "the name after the word for city", True, True)
    elif _KHMER_CITY.match(first):
        add(_KHMER_CITY.sub("", first) + tail, "the name after the word for city", True, True)
    elif _THAI_ROLE.match(first):
        add(_THAI_ROLE.sub("", first) + tail, AFTER_ROLE, True)


# "capital" and "city" in the languages of the news, as written before a city's name (the lexicon's concepts
# capital and city hold these and more; this module reads text, not the store)
PLACE_WORDS = frozenset("""
capital capitale hauptstadt hoofdstad huvudstad stolica stolicy столица столицы столиця столиці столицата
başkent başkenti paytaxt paytaxtı عاصمة العاصمة پایتخت پلازمېنه دارالحکومت בירה הבירה राजधानी
city ville stadt ciudad cidade città miasto город місто град şehir şehri kenti şəhər şəhəri مدينة شهر शहर
phố tp tp. 도시 도시인 kota bandar bajar bajarê ქალაქ ქალაქი بلدة magaalada सहर
port porto puerto
""".split())
PLACE_FOLDED = frozenset(w.casefold() for w in PLACE_WORDS)
# "in", "at": a word before "capital" or "agency" that makes what follows a place of the string's head
# (المسجد الأموي في العاصمة دمشق is the Umayyad Mosque in the capital Damascus: a mosque, not Damascus). Not
# "of", which descriptors hold (agência estatal russa de notícias Tass)
_QUALIFYING = frozenset("""
في در in at à au aux dans en im bei в во у w we v ve u
""".split())


# "in", "at", "to", "from" as the first word of a string, in the languages of the news: the name after it is what
# the string names (in Abu Dhabi, στην Ντόχα, в Дамаске, à Damas, w Damaszku)
_LEADING_PREPOSITIONS = _QUALIFYING | frozenset("""
to from vers de depuis nach aus στην στη στο στον σε από из из-за на к от z ze do iz i til fra från lui
""".split())


def _after_preposition(text: str, add: Add) -> None:
    """"in Abu Dhabi", "στην Ντόχα": the name after the preposition a string begins with. Strict (Part.strict):
    the words left may be any name's."""
    first, _, rest = text.partition(" ")
    if rest and first.casefold() in _LEADING_PREPOSITIONS and _name_word(rest):
        add(rest, f"the name after {first!r}", True)


# the articles that news writes before an acronym (As FDS, la RAE, l'ASL, die SDF)
_ARTICLES_BEFORE = frozenset("le la les el los las lo il gli o a os as der die das den dem des the het".split())
_ELIDED = re.compile(r"^[ldLD]['’](?=\S)")


def _after_article(text: str, add: Add) -> None:
    """"As FDS", "l'ASL": an acronym after the article a string begins with. Strict (Part.strict)."""
    first, _, rest = text.partition(" ")
    if rest and first.casefold() in _ARTICLES_BEFORE and " " not in rest and _ACRONYM.match(rest) and rest.isupper():
        add(rest, f"the acronym after {first!r}", True)
    elided = _ELIDED.sub("", text)
    if elided != text and " " not in elided and _ACRONYM.match(elided) and elided.isupper():
        add(elided, f"the acronym after {text[:2]!r}", True)


def _qualified(words: list[str], at: int) -> bool:
    """Whether a word before words[at] is "in" or "at": the part after it is where the string's head is."""
    return any(w.casefold() in _QUALIFYING for w in words[:at])


# compounds that end in "city" in German, Dutch and the Scandinavian languages: Hafenstadt (port city),
# Küstenstadt, Oasenstadt, havenstad, kuststaden, havnebyen
_PLACE_COMPOUND_ENDS = ("stadt", "stad", "staden", "byen")
# Turkish writes "city" and "town" after the name, with its endings: Lazkiye şehrinde, Halep kentinde, Kusayr
# beldesinden; and so do Azerbaijani (Bakı şəhərində), Uzbek (Toshkent shahrida), Kazakh (Алматы қаласында),
# Kyrgyz (Бишкек шаарында) and Mongolian (Идлиб хотод); Sinhala too (හෝම්ස් නගරය)
_PLACE_AFTER = ("şehr", "kent", "belde", "kasaba", "şəhər", "shahr", "қала", "шаар", "хот", "නගර")


def _before_place_word(text: str, add: Add) -> None:
    """"Kusayr beldesinden" (from the town of Kusayr), "Halep kentinde": the name before the Turkish word for
    city or town that ends the string. Strict, and a city's (Part.strict, Part.city)."""
    words = text.split()
    if len(words) >= 2 and words[-1].casefold().startswith(_PLACE_AFTER) and all(_name_word(w) for w in words[:-1]):
        add(" ".join(words[:-1]), f"the name before {words[-1]!r}", True, True)


# Arabic nouns that make "city X" after them a place of theirs (لمجلس مدينة حمص, the Homs city council; مطار
# مدينة دمشق): the string names the council, not the city
_ARABIC_HEADS = frozenset("""
مجلس بلدية محافظ محافظة مطار جامعة ريف منطقة قلعة سجن مستشفى ميناء قاعدة سوق حي أحياء شرق غرب شمال جنوب أطراف
محيط وسط ضواحي مدخل أهالي سكان
""".split())


def _after_place_word(text: str, add: Add) -> None:
    """"العاصمة القطرية الدوحة" (the Qatari capital Doha), "कतर की राजधानी दोहा", "ville antique de Palmyre": the
    name after "capital" or "city", a word of the string's end or two (capitalised, or of a script without
    case); not after "in" or "at" before them (المسجد الأموي في العاصمة دمشق: a mosque in the capital). Strict
    (Part.strict): the words left may be any name's; and a city's (Part.city): the capital of Qatar is not
    Qatar."""
    words = text.split()
    at = [i for i, w in enumerate(words[:-1]) if (f := w.casefold().strip(",.:")) in PLACE_FOLDED
          or (len(f) > 7 and f.endswith(_PLACE_COMPOUND_ENDS)) or _ARABIC_PROCLITICS[0].sub("", f) in PLACE_FOLDED]
    if not at or _qualified(words, at[-1]) or any(_ARABIC_PROCLITICS[0].sub("", w) in _ARABIC_HEADS
                                                  for w in words[:at[-1]]):
        return
    for name in _end_names(words[at[-1] + 1:]):
        add(name, f"the name after {words[at[-1]]!r}", True, True)
    after = words[at[-1] + 1]
    if _ARABIC_WORD.fullmatch(after):  # Arabic puts the adjectives after the name: مدينة تدمر الأثرية
        add(after, f"the name after {words[at[-1]]!r}", True, True)


# words that say an organisation's name comes next, in the languages of the news: "news agency", "agency" and
# "news"; and, where case marks where the name begins, "group", "network", "militia", "forces" (descriptors)
AGENCY_WORDS = frozenset("""
agency agence agentur nachrichtenagentur agencia agência agenzia agentschap persbureau agencja ajansı ajans
агентство агентства агентству агенція агенції агенция агенцията एजेन्सी
aģentūra agentūra agentūros agentura agentury agentuře agenturou agentúra agentúry agentúre agencija agencije
агенција агенцијата ügynökség agenția agenţia agenției agenţiei agentiei
agjencia agjencisë πρακτορείο πρακτορείου agensi nyhetsbyrån nyhetsbyrå nyhedsbureau uutistoimisto
وكالة الوكالة خبرگزاری آژانس ایجنسی סוכנות הסוכנות एजेंसी
news nouvelles noticias notícias notizie nachrichten nieuws wiadomości haber новости أنباء الأنباء tấn
broadcaster emittente emisora chaîne cadena телеканал телекомпания
""".split())
GROUP_WORDS = frozenset("""
group groupe gruppe grupo grupa gruppo groep grupp группа группировка групата група grubu örgütü örgüt
network réseau netzwerk red rede sieć сеть شبكة قناة
militia milice miliz milicia milícia milizia militie milis milisen ополчение
forces
""".split())
AGENCY_FOLDED = frozenset(w.casefold() for w in AGENCY_WORDS)
GROUP_FOLDED = frozenset(w.casefold() for w in GROUP_WORDS)
# the same words closing a compound (Islamistmilisen, Terrormiliz, Rebellengruppe)
_COMPOUND_ENDS = ("milisen", "miliz", "milis", "gruppe", "gruppen", "netzwerk", "bündnis", "bündnisses", "allianz",
                  "organisation", "organisationen", "bewegung",  # Dschihadistenbündnis, Rebellenallianz
                  "groep", "beweging", "organisatie", "militie", "netwerk",  # Dutch: terreurbeweging, terreurgroep
                  "netzwerks")  # German genitive: des Terrornetzwerks


_AGENCY_ENDS = ("agentur", "persbureau", "agentschap")  # the same words closing a compound
# "news agency" written after the agency's name, as Turkic languages and Mongolian write it (ТАСС кабар
# агенттиги, Anadolu Ajansı), with the word for news before it; and "organisation" after an organisation's name, as
# the languages of India write it (ਅਲ-ਨੁਸਰਾ ਸੰਗਠਨ, the al-Nusra organisation; अल-कायदा संगठन)
_AGENCY_AFTER = frozenset("агенттиги агенттігі агенттігінің агентлиги агентлаг ajansı ajansi agentligi agentliyi "
                          "agentliyinin ajansının "
                          "संगठन ਸੰਗਠਨ সংগঠন संघटना સંગઠન அமைப்பு సంస్థ ಸಂಘಟನೆ സംഘടന".split())
_NEWS_WORDS = frozenset("кабар хабар ақпарат мэдээллийн haber xəbər axborot".split())


def _before_agency_word(text: str, add: Add) -> None:
    """"ТАСС кабар агенттиги", "Anadolu Ajansı", "ਅਲ-ਨੁਸਰਾ ਸੰਗਠਨ": the name before "(news) agency" or
    "organisation" at the end of a string. Strict (Part.strict)."""
    words = text.split()
    if len(words) < 2 or words[-1].casefold() not in _AGENCY_AFTER:
        return
    head = words[:-1]
    if len(head) > 1 and head[-1].casefold() in _NEWS_WORDS:
        head = head[:-1]
    if head and all(_name_word(w) for w in head):
        add(" ".join(head), f"the name before {words[-1]!r}", True)


def _after_organisation_word(text: str, add: Add) -> None:
    """"agência estatal russa Interfax", "خبرگزاری اینترفکس" (the news agency Interfax), "Islamistmilisen Hayat
    Tahrir al-Sham": the name after a word that says an organisation's comes, one to three words of the string's
    end (capitalised, a particle such as al-, or of a script without case). "Group", "network", "militia" only in
    a string with capitals: in a script without case nothing marks where the name begins (گروه, شبکه and قوات
    are also the first word of names). Strict (Part.strict), and an organisation's (Part.type)."""
    words = text.split()
    cased = any(ch.isupper() for ch in text)
    at = [i for i, w in enumerate(words[:-1]) if (f := w.casefold().strip(",.:")) in AGENCY_FOLDED
          or (len(f) > 9 and f.endswith(_AGENCY_ENDS))  # Staatsagentur, Presseagentur, staatspersbureau
          or (cased and (f in GROUP_FOLDED or (len(f) > 9 and f.endswith(_COMPOUND_ENDS))))]
    if not at or _qualified(words, at[-1]):
        return
    for name in _end_names(words[at[-1] + 1:], 3):
        add(name, f"the name after {words[at[-1]]!r}", True, False, "organization")


# Arabic words for the members or units of an organisation, written before its name in construct: "factions",
# "formations", "members", "fighters" (فصائل الجيش السوري الحر, تشكيلات الجبهة الجنوبية, عناصر هيئة تحرير الشام)
_ARABIC_MEMBERS = frozenset("فصائل تشكيلات عناصر مقاتلي مقاتلو قوات".split())  # قوات: forces of (قوات الجيش ...)


def _after_members_word(text: str, add: Add) -> None:
    """"فصائل الجيش السوري الحر" (the factions of the Free Syrian Army): the organisation after the Arabic word
    for its members or units that begins the string (a proclitic on it taken off). Strict (Part.strict), and an
    organisation's (Part.type)."""
    first, _, rest = text.partition(" ")
    if rest and (first in _ARABIC_MEMBERS or _ARABIC_PROCLITICS[0].sub("", first) in _ARABIC_MEMBERS):
        add(rest, f"the name after {first!r}", True, False, "organization")


# "Kurdish-led", "US-backed", "Iran-aligned": who leads or backs an organisation, written onto a word before its
# name in English news
_BACKED = ("-led", "-backed", "-aligned", "-allied", "-linked", "-affiliated", "-dominated", "-sponsored")


def _after_backer(text: str, add: Add) -> None:
    """"Kurdish-led Syrian Democratic Forces", "the US-backed SDF": the organisation after the word that says who
    leads or backs it. Strict (Part.strict), and an organisation's (Part.type)."""
    words = text.split()
    at = 1 if len(words) > 2 and words[0].casefold() == "the" else 0
    if len(words) > at + 1 and words[at].casefold().endswith(_BACKED):
        add(" ".join(words[at + 1:]), f"the name after {words[at]!r}", True, False, "organization")


def _end_names(tail: list[str], most: int = 2) -> list[str]:
    """The last word, the last two (up to `most`), of the words of a name (_name_word) that end tail; the shortest
    first."""
    named: list[str] = []
    for w in reversed(tail):
        if not _name_word(w):
            break
        named.insert(0, w)
    # a name does not begin with a particle in lower case cut from its head (al-Sham of Tahrir al-Sham); one that
    # is all of the tail has no head cut off (terreurbeweging al-Qaida)
    return [" ".join(named[-n:]) for n in range(1, most + 1)
            if len(named) >= n and (not _particle(named[-n]) or n == len(tail))]


_ARABIC_WORD = re.compile("[\u0621-\u064a\u0670-\u06d3]{2,}")
_KATAKANA_THEN_KANJI = re.compile("^(.*[\u30a1-\u30fa])[\u4e00-\u9fff]{1,3}$")


# adjectives of the store's countries as Arabic writes them after a name (القصير السورية, the Syrian al-Qusayr), and
# words that, after a name, begin its description (ماهر الأسد شقيق الرئيس السوري: Maher al-Assad, the president's
# brother)
_ARABIC_NISBAS = frozenset("""
السورية السوري الروسية الروسي القطرية القطري الإيرانية الإيراني التركية التركي الأمريكية الأمريكي الأميركية
الأميركي الإسرائيلية الإسرائيلي الأوكرانية الأوكراني الكازاخية الإماراتية الإماراتي
""".split())
_ARABIC_DESCRIBERS = frozenset("شقيق شقيقة زوجة زوج نجل رئيس وزير قائد زعيم أمين المتحدث".split())
_ARABIC_ROLE_QUALIFIERS = frozenset("السابق المخلوع الانتقالي المؤقت الراحل الجديد الأسبق الفار".split())
_ARABIC_AFTER_PLACES = frozenset("التاريخي التاريخية".split())  # the historic (الجامع الأموي التاريخي)


def _arabic_apposition(text: str, add: Add) -> None:
    """"قسد السورية" (the Syrian SDF), "الجامع الأموي التاريخي" (the historic Umayyad Mosque): the name without the
    adjective after it; "المخلوع بشار الأسد" (the deposed Bashar al-Assad): the name after a role's qualifier or a
    country's adjective written without the role; "ماهر الأسد شقيق الرئيس السوري": the name before the word that
    begins its description. Strict (Part.strict)."""
    words = text.split()
    if len(words) < 2 or not all(_ARABIC_WORD.fullmatch(w) for w in words):
        return
    if words[-1] in _ARABIC_NISBAS or words[-1] in _ARABIC_AFTER_PLACES:
        add(" ".join(words[:-1]), f"the name before {words[-1]!r}", True, keyed=True)
    if len(words) >= 3 and (words[0] in _ARABIC_ROLE_QUALIFIERS or words[0] in _ARABIC_NISBAS):
        # the deposed, the Iranian, without the role they qualify (المخلوع بشار الأسد, الإيراني عباس عراقجي)
        add(" ".join(words[1:]), f"the name after {words[0]!r}", True)
    at = next((i for i, w in enumerate(words) if i >= 2 and w in _ARABIC_DESCRIBERS), None)
    if at is not None:
        add(" ".join(words[:at]), f"the name before {words[at]!r}", True)


_KOREAN_QUALIFIERS = frozenset("전 前 현 임시 과도 과도정부 과도정부의 신임 차기".split())


def _before_title(text: str, add: Add) -> None:
    """"プーチン・ロシア大統領", "トランプ米大統領", "세르게이 라브로프 러시아 외무장관": Chinese, Japanese and Korean
    news put the country (or its one-character name) between a name and the title after it. The name without
    them: the last word written apart or after a middle dot (ロシア, 러시아), or the kanji after a katakana name
    (米). Of the type the title says (a person, or for 通信 an organisation): ラブロフ alone is a surname, and the
    title says whose."""
    found = title_type(text)
    bare = text.rstrip()[: -len(found[0])].rstrip() if found else ""
    if not bare or found is None:
        return
    how, etype = f"the name before the country and the title {found[0]!r}", found[1]
    words = bare.split()
    # Korean writes former, interim and transitional government apart, around the country (하페즈 알아사드 전 시리아
    # 대통령, 아메드 알샤라 시리아 과도정부 대통령, 샤라 임시 대통령): left out on either side of it
    trimmed = list(words)
    while len(trimmed) > 1 and trimmed[-1] in _KOREAN_QUALIFIERS:
        trimmed.pop()
    if len(trimmed) < len(words):  # what is left may be the name alone (아흐마드 알-샤라 임시 대통령)
        add(" ".join(trimmed), f"the name before the title {found[0]!r}", False, False, etype)
    if len(trimmed) >= 2:
        name = trimmed[:-1]
        while len(name) > 1 and name[-1] in _KOREAN_QUALIFIERS:
            name.pop()
        add(" ".join(name), how, False, False, etype)
    if "・" in words[-1]:
        add(" ".join([*words[:-1], words[-1].rsplit("・", 1)[0]]), how, False, False, etype)
    glued = _KATAKANA_THEN_KANJI.match(words[-1])
    if glued:
        add(" ".join([*words[:-1], glued.group(1)]), how, False, False, etype)


def _after_country(text: str, add: Add, lexicon: Lexicon, is_country: Callable[[str], bool]) -> None:
    """"俄罗斯塔斯社" (Russia's TASS), "伊朗外長阿拉格齊" (Iran's foreign minister Araghchi): Chinese and Japanese
    news write a country's name before the name, and a title between. The run less the country (the lexicon's
    word for a country of the store at its start), and less the title after it too: then a person's. After a
    city's name, the rest with the city as its place (Part.place): 大馬士革倭馬亞清真寺 is Damascus's Umayyad Mosque,
    which the store puts there; 阿勒颇倭马亚清真寺, Aleppo's, is not. The name may go on after a middle dot
    (叙利亚总统巴沙尔·阿萨德), former or the late may come first (元シリア大統領...), and capital or a part of
    the country between (卡塔爾首都多哈, シリア西部タルトス). Strict (Part.strict): the rest of a run may be any
    word."""
    head, dot, names = text.partition("·")  # a name's parts after Chinese's middle dot: 巴沙尔·阿萨德
    if not UNSPACED_RUN.fullmatch(head) or (dot and not names):
        return
    if head[:1] in _FORMER and len(head) > 3:  # 元シリア大統領, 故..., 前...: former, the late
        head = head[1:]
    first, _, rest = lexicon.segment(head).partition(" ")
    rest = rest.replace(" ", "")
    place = lexicon.place_of.get(lexicon.concepts.get(first) or "")
    if not rest or place is None:
        return
    rest += dot + names
    if not is_country(place):
        add(rest, f"the name after {first!r}, the place it is in", True, place=first)
        return
    title = leading_title(rest)
    if title:
        add(rest[len(title):], f"the name after the country {first!r} and the title {title!r}", True, False, "person")
    for word in (*_CAPITAL_WORDS, *_JAPANESE_REGIONS):  # 卡塔爾首都多哈 (Qatar's capital Doha), シリア西部タルトス
        if rest.startswith(word) and len(rest) > len(word) + 1:
            add(rest[len(word):], f"the name after the country {first!r} and {word!r}", True,
                city=word in _CAPITAL_WORDS)
            break
    add(rest, f"the name after the country {first!r}", True)


# the parts of a country Japanese news writes before a place in it (シリア中部のハマ: Hama, in central Syria)
_JAPANESE_REGIONS = ("北西部", "北東部", "南西部", "南東部", "中部", "北部", "南部", "東部", "西部")
_FORMER = ("元", "故", "前")  # former, the late: before a country and a title in Chinese and Japanese
_CAPITAL_WORDS = ("首都", "首府")


def _after_no(text: str, add: Add, lexicon: Lexicon, is_country: Callable[[str], bool]) -> None:
    """"イランのアラグチ外相" (Iran's foreign minister Araghchi), "カザフスタンの首都アスタナ" (Kazakhstan's capital
    Astana), "シリア中部のハマ": Japanese writes what a name is of before it, with の; what the string names is
    the words after the last の, where the words before are a country of the store (the lexicon's word), or a part
    of one (中部, central), or both. Never after a city's name: アレッポのウマイヤド・モスク is Aleppo's mosque, not
    Damascus's. Strict (Part.strict), unless a title after the name says it is a person's (then a surname alone
    counts, as in ラブロフ外相)."""
    if not UNSPACED_RUN.fullmatch(text) or "の" not in text:
        return
    head, _, name = text.rpartition("の")
    if len(name) < 2:
        return
    region = next((r for r in _JAPANESE_REGIONS if head.endswith(r)), "")
    country = head[: len(head) - len(region)]
    if country:
        place = lexicon.place_of.get(lexicon.concepts.get(country) or "")
        if place is None or not is_country(place):
            return
    found = title_type(name)
    person = found is not None and found[1] == "person"
    add(name, f"the name after {head + 'の'!r}", not person, False, "person" if person else None)


def _inverted(text: str, add: Add) -> None:
    """"Iran, Islamic Republic of", "Korea, Democratic People's Republic of", "Congo, Republic of the": the name
    written head first, as country lists and registries sort it, read in its order."""
    head, sep, tail = text.partition(", ")
    if not sep or "," in tail or not 1 <= len(head.split()) <= 3 or not 2 <= len(tail.split()) <= 6:
        return
    if tail.split()[-1].casefold() in _INVERSION_ENDS or tail.split()[-1].endswith(("'", "’")):
        add(f"{tail} {head}", "a name written head first")


# "in", "at", "of" before the place a name is in, in the languages of the news (Homs in Syria, الجامع الأموي في
# دمشق, Мечеть Омейядов в Дамаске, la mosquée des Omeyyades de Damas, Masjid Umayyah di Damaskus)
_IN_PLACE = frozenset("""
in at of de di del dels des du à en im bei w we v ve u в во у ở tại σε στη στην στο της του في
""".split())
# a comma and the words after it, the last of the string: Latin, Arabic (حمص، سوريا) and full-width (霍姆斯，叙利亚)
_COMMAS = re.compile("[,\u060c\uff0c]")
_LAST_COMMA = re.compile("[,\u060c\uff0c] ?(?=[^,\u060c\uff0c]*$)")
# Arabic writes "in" onto the place: بدمشق
_ARABIC_IN = re.compile("^ب(?=[\u0621-\u064a]{3,})")


def _in_place(text: str, add: Add, lexicon: Lexicon | None) -> None:
    """"Homs, Syria", "الكرملين في روسيا", "Umayyad Mosque in Damascus": the name, with the words that say where it
    is as the part's place (Part.place); "Damascus Umayyad Mosque", "Homs Syria": a place the lexicon knows, a
    word that begins or ends the string, likewise. The matcher keeps such a part only for an entity of the store
    in that place."""
    words = text.split()
    if len(words) < 2:
        return
    comma = _LAST_COMMA.search(text)
    if comma:
        head, tail = text[:comma.start()].strip(), text[comma.end():].strip()
        if head and not _COMMAS.search(head) and 1 <= len(tail.split()) <= 3:
            add(head, f"the name before {tail!r}, the place it is in", place=tail)
    for at in range(len(words) - 2, 0, -1):  # the last "in" with a name before it and a place after
        word = words[at].casefold()
        if word in _IN_PLACE:
            rest = words[at + 1:]
            while len(rest) > 1 and _ARABIC_PROCLITICS[0].sub("", rest[0].casefold()) in PLACE_FOLDED:
                rest = rest[1:]  # في العاصمة دمشق: in the capital Damascus
            if len(rest) <= 3:
                add(" ".join(words[:at]), f"the name before {words[at]!r} and the place it is in",
                    place=" ".join(rest), origin=word in _OF_WORDS or word in ("de", "της", "του"))
            break
    if _ARABIC_IN.match(words[-1]):
        add(" ".join(words[:-1]), f"the name before {words[-1]!r}, the place it is in",
            place=_ARABIC_IN.sub("", words[-1]))
    if lexicon is None:
        return
    first, last = re.sub("['’]s$", "", words[0]), words[-1]
    if _place_word(first, lexicon):
        # (a place or its adjective before a name says where it is from: Russia's Lavrov, सीरियाई राष्ट्रपति असद)
        add(" ".join(words[1:]), f"the name after {words[0]!r}, the place it is in", place=first, origin=True)
    if _place_word(last, lexicon):
        add(" ".join(words[:-1]), f"the name before {last!r}, the place it is in", place=last)


def _place_word(word: str, lexicon: Lexicon) -> bool:
    """Whether the lexicon reads one word as a place of the store, or its adjective (Syria, السورية, сирийском)."""
    norm = normalize(word)
    return " " not in norm and lexicon.place_of.get(lexicon.concept(norm) or "") is not None
