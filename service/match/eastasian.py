"""Chinese, Japanese and Korean romanized for the keys: one token a run, katakana as Hepburn, hangul as the
Revised Romanization, titles after a name dropped. Used by service/match/scripts.py's romanize_scripts.
"""

from __future__ import annotations

import re

from unidecode import unidecode

# ---------------------------------------------------------------------------------------------------------
# Chinese, Japanese, Korean: written without spaces between the syllables of one name, with a dot or an equals
# sign between its parts (ドナルド・トランプ, 巴沙尔·阿萨德) and a title or honorific after it (トランプ氏, 普京总统).
# Each run becomes one token, so a name's parts stay tokens as they do in other scripts.
# ---------------------------------------------------------------------------------------------------------
_CJK_CHARS = ("\u3040-\u30fa\u30fd-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
              "\u1100-\u11ff\u3130-\u318f")
_CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_CJK_LONG_VOWEL = re.compile("[\u30fc\uff70]")  # ー: written or left out as the transcriber likes
# a person's title or honorific, and "news agency" after an agency's name (タス通信, 리아노보스티 통신), each with
# the type of entity it makes the name before it: ロシア外相 (Russia's foreign minister) is a person, not Russia
_PERSON_TITLES = (
    "氏", "さん", "様", "大統領", "首相", "外相", "外務大臣", "国務長官", "総統", "総書記", "主席", "总统", "總統",
    "总理", "總理", "外长", "外長", "先生", "女士", "夫人", "대통령", "장관", "외무장관", "외교장관", "총리", "씨",
    "여사", "국무장관", "사무총장", "총장", "事務総長", "秘书长", "秘書長", "議長", "委員長", "第一夫人", "영부인",
    # former, interim and elect; commanders, leaders and spokesmen
    "前大統領", "元大統領", "次期大統領", "暫定大統領", "大統領代行", "前首相", "元首相", "総司令官", "司令官",
    "最高指導者", "指導者", "報道官", "前总统", "前總統", "候任总统", "候任總統", "当选总统", "當選總統", "临时总统",
    "臨時總統", "总司令", "總司令", "领导人", "領導人", "最高领袖", "最高領袖", "外交部长", "外交部長", "国务卿",
    "國務卿", "发言人", "發言人", "전 대통령", "임시대통령", "과도대통령", "대통령 당선인", "당선인", "총사령관",
    "사령관", "최고지도자", "지도자", "대변인",
    # military ranks
    "少将", "中将", "大将", "准将", "将軍", "将军", "上将", "少將", "中將", "上將", "准將", "將軍", "소장", "중장",
    "대장", "준장", "장군",
)
_AGENCY_WORDS = ("通信社", "通信", "通讯社", "通訊社", "통신사", "통신")
_TITLE_TYPES = {**dict.fromkeys(_PERSON_TITLES, "person"), **dict.fromkeys(_AGENCY_WORDS, "organization")}
_CJK_TITLES = tuple(sorted(_TITLE_TYPES, key=len, reverse=True))
_LEADING_TITLES = tuple(sorted(_PERSON_TITLES, key=len, reverse=True))


def leading_title(run: str) -> str | None:
    """The title a run of Chinese begins with, before a name (外長阿拉格齊, 总统阿萨德), the longest; else None."""
    for title in _LEADING_TITLES:
        if run.startswith(title) and len(run) > len(title):
            return title
    return None


# Korean writes a title apart from the name (푸틴 대통령, 이테르팍스 통신): a title standing as a word of its own
# after a word of these scripts is dropped as one written on (プーチン大統領)
_SPACED_TITLE = re.compile(f"(?<=[{_CJK_CHARS}])\\s+(?:{'|'.join(_CJK_TITLES)})(?![{_CJK_CHARS}])")


# Katakana, the script Japanese writes foreign names in, as Hepburn romanization: unidecode reads it kana by
# kana (バッシャール -> batsushiya-ru); a name's consonants and vowels come out as other scripts write them
# (basshar), and the vowel Japanese adds after a final consonant is dropped (アサド -> asad).
_KANA = dict(zip(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ",
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo "
    "ya yu yo ra ri ru re ro wa i e o n ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe "
    "po vu".split(), strict=True))
_SMALL_KANA = {"ャ": "ya", "ュ": "yu", "ョ": "yo", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}
_KATAKANA_WORD = re.compile("[\u30a1-\u30fa]+")


def _romanize_katakana(word: str) -> str:
    if word in ("アル", "エル"):
        return "al"  # the Arabic article, which the normalizer drops
    out: list[str] = []
    for ch in word:
        if ch == "ッ":  # the next consonant doubled: written once, as most other scripts write these names
            continue
        if ch in _SMALL_KANA and out:
            prev = out[-1]
            small = _SMALL_KANA[ch]
            if small[0] == "y" and prev.endswith("i"):  # シャ sha, キュ kyu
                out[-1] = (prev[:-1] if prev[-2:-1] in ("h", "j") else prev[:-1] + "y") + small[1:]
            else:  # ファ fa, ティ ti, ヴィ vi
                out[-1] = prev[:-1] + small
            continue
        out.append(_KANA.get(ch, _SMALL_KANA.get(ch, "")))
    latin = "".join(out)
    if len(latin) > 3 and latin[-1] in "uo" and latin[-2] not in "aeiouyn":
        latin = latin[:-1]  # the vowel after a final consonant: アサド asad, グテーレス guteres
    return latin


# Hangul, as the Revised Romanization spells it, syllable block by block; the vowel ㅡ that Korean adds after a
# consonant of a foreign name is dropped (트럼프 teu-reom-peu -> treomp, 블라디미르 -> bladimir).
_HANGUL_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_HANGUL_MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_HANGUL_FINALS = ["", *"g kk gs n nj nh d l lg lm lb ls lt lp lh m b bs s ss ng j ch k t p h".split()]
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")


def _romanize_hangul(word: str) -> str:
    out = []
    for ch in word:
        index = ord(ch) - 0xAC00
        initial = _HANGUL_INITIALS[index // 588].replace("-", "")
        medial = _HANGUL_MEDIALS[(index % 588) // 28]
        final = _HANGUL_FINALS[index % 28]
        if medial == "eu" and initial:  # epenthetic: 트 t, 블 bl
            medial = ""
        out.append(initial + medial + final)
    # ㄹㄹ is one l (블라 bla); ㅅ, ㅈ, ㅊ before y are sh, j, ch (바샤르 bashar)
    return re.sub("(s|j|ch)y", lambda m: {"s": "sh"}.get(m.group(1), m.group(1)), "".join(out).replace("lr", "l"))


# The Arabic article as Korean writes it, glued to the name after a first name: 아흐마드 알샤라 (Ahmad al-Shara),
# 바샤르 알아사드. Only after another word and before two syllables or more, the next not begun with ㄹ (알레포 is
# Aleppo, 알리 is Ali, and a name standing first, 알제리, is Algeria).
_HANGUL_ARTICLE = re.compile("(?<=[\uac00-\ud7a3] )\uc54c(?=[\uac00-\ud7a3]{2,})")


def _hangul_article(m: re.Match[str]) -> str:
    following = m.string[m.end()]
    return m.group(0) if (ord(following) - 0xAC00) // 588 == 5 else "al "


def _ending_title(run: str) -> str | None:
    """The title written on at the end of a run, longest first, with a name before it (a title alone stays)."""
    return next((title for title in _CJK_TITLES if run.endswith(title) and len(run) > len(title)), None)


def _cjk_run(m: re.Match[str]) -> str:
    run = m.group(0)
    title = _ending_title(run)
    if title:
        run = run[: -len(title)]
    article = ""
    if m.start() and m.string[m.start() - 1] in "・＝=" and run.startswith(("アル", "エル")) and len(run) >= 5:
        # after a middle dot, the Arabic article written on a surname is a word of its own (ハーフェズ・アルアサド:
        # hafez al asad), as it is not at a name's start (アルジェリア, Algeria)
        article, run = " al", run[2:]
    run = _KATAKANA_WORD.sub(lambda k: " " + _romanize_katakana(k.group(0)) + " ", run)
    run = _HANGUL_WORD.sub(lambda k: " " + _romanize_hangul(k.group(0)) + " ", run)
    # katakana words and the kanji or hangul beside them stay apart (アサド政権: asad, zhengquan)
    return article + " " + " ".join(unidecode(part).replace(" ", "") for part in run.split()).lower() + " "


def title_type(text: str) -> tuple[str, str] | None:
    """(the title, "person" or "organization") when the text ends in a title or "news agency" after a name in
    these scripts, written on or apart, which romanize_east_asian drops: the type of entity the name is."""
    text = text.rstrip()
    spaced = [m for m in _SPACED_TITLE.finditer(text) if m.end() == len(text)]
    if spaced:
        title = spaced[0].group(0).strip()
        return title, _TITLE_TYPES[title]
    runs = _CJK_RUN.findall(_CJK_LONG_VOWEL.sub("", text))
    title = _ending_title(runs[-1]) if runs else None
    return (title, _TITLE_TYPES[title]) if title else None


def romanize_east_asian(text: str) -> str:
    """Every run of Chinese, Japanese or Korean in text as its romanized tokens; other text unchanged."""
    text = _SPACED_TITLE.sub("", text)
    text = _HANGUL_ARTICLE.sub(_hangul_article, text)
    return _CJK_RUN.sub(_cjk_run, _CJK_LONG_VOWEL.sub("", text))
