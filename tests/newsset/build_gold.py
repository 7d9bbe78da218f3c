"""Hand labels for the news set (ns_01 ... ns_30) and the events of the devset (dv_01 ... dv_15).

The labels were written by reading each article, following tests/gold/README.md
(sections 1-3) and tests/newsset/README.md. altnotes was not run on these texts.

The article texts are NOT in the repository. They live outside it (see README.md):

    NEWSSET_TEXTS   directory with ns_NN.txt   (default /work/newsdata/newsset)
    DEVSET_TEXTS    directory with dv_NN.txt   (default /work/newsdata/devset)

Running this script checks every label against the texts and writes
tests/newsset/gold.json, tests/newsset/sources.json and tests/newsset/dev_events.json.

    python tests/newsset/build_gold.py            # check and write
    python tests/newsset/build_gold.py --check    # check only
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NEWS_DIR = Path(os.environ.get("NEWSSET_TEXTS", "/work/newsdata/newsset"))
DEV_DIR = Path(os.environ.get("DEVSET_TEXTS", "/work/newsdata/devset"))

EVENT_TYPES = {
    # guideline (tests/gold/README.md, section 3)
    "founding",
    "release",
    "announcement",
    "publication",
    "dismissal",
    "departure",
    "joining",
    "return",
    "funding",
    "investment",
    "sale",
    "acquisition",
    "merger",
    "partnership",
    "meeting",
    "award",
    "statement",
    "legal",
    "birth",
    "death",
    "growth",
    "study",
    "other",
    # added for general news
    "appointment",
    "election",
    "result",
    "disaster",
    "discovery",
    "succession",
}


def E(date, typ, trigger, people=(), orgs=(), desc=""):
    return {
        "date": date,
        "type": typ,
        "trigger": trigger,
        "people": list(people),
        "organizations": list(orgs),
        "description": desc,
    }


# ---------------------------------------------------------------------------
# News set.  Each entry: source metadata + labels.
#   people / orgs: {canonical: [surface forms in the text]}
#   dates: [(text, value)]   non_dates: [text]   events: [E(...)]
# ---------------------------------------------------------------------------

DOCS: dict[str, dict] = {}


def doc(id_, *, url, title, subject, query, doc_date, people, orgs, dates, non_dates, events):
    DOCS[id_] = dict(
        url=url,
        title=title,
        subject=subject,
        query=query,
        doc_date=doc_date,
        people=people,
        orgs=orgs,
        dates=dates,
        non_dates=non_dates,
        events=events,
    )


# ----------------------------- DEV half ------------------------------------

doc(
    "ns_01",
    url="http://tv-wakayama.co.jp/news/detail.php?id=47626",
    title="県議会 閉会",
    subject="prefectural politics (assembly session closes)",
    query="県議会 知事 定例会 補正予算案 可決 閉会",
    doc_date="2018-03-16",
    people={"宮下和己": ["宮下和己"]},
    orgs={"県議会": ["県議会"]},
    dates=[
        ("2018-03-16", "2018-03-16"),
        ("2月", "2018-02"),
        ("来年度", "2018"),
        ("今日", "2018-03-16"),
        ("今年度", "2017"),
        ("今月31日", "2018-03-31"),
    ],
    non_dates=[],
    events=[
        E(
            "2018-03-16",
            "legal",
            "可決",
            orgs=["県議会"],
            desc="The February assembly session passes 97 bills unamended",
        ),
        E(
            "2018-03-16",
            "meeting",
            "閉会",
            orgs=["県議会"],
            desc="The February prefectural assembly session closes",
        ),
    ],
)

doc(
    "ns_02",
    url="http://origin.daily.co.jp/gossip/2024/11/25/0018379013.shtml",
    title="丸美屋が自主回収を発表 「とりごぼう釜めしの素」にゴキブリと推定される虫の一部が混入",
    subject="product recall",
    query="自主回収 お知らせ 異物混入 対象商品 賞味期限 お詫び",
    doc_date=None,
    people={},
    orgs={"丸美屋食品工業": ["丸美屋食品工業", "丸美屋"]},
    dates=[("25日", None), ("2025年8月21日", "2025-08-21"), ("同年9月3日", "2025-09-03")],
    non_dates=[],
    events=[],
)

doc(
    "ns_03",
    url="https://news.yahoo.co.jp/articles/d8ebb4c3bc6defb94d31c4be76e7cb52c7b169ac?source=rss",
    title="トヨタ、開幕戦は”サヨナラ負け” 後半ラストワンプレーにDG…姫野主将「残念な結果」【ラグビー・リーグワン】",
    subject="sports: rugby match report",
    query="ラグビー リーグワン 試合結果 トライ 逆転勝ち ヘッドコーチ コメント",
    doc_date=None,
    people={
        "姫野": ["姫野"],
        "松田": ["松田"],
        "マークス": ["マークス"],
        "フォーリー": ["フォーリー"],
        "ハンセン": ["ハンセン"],
    },
    orgs={"トヨタ": ["トヨタ"], "東京ベイ": ["東京ベイ"]},
    dates=[("22日", None)],
    non_dates=["後半43分", "後半7分", "後半36分", "同43分"],
    events=[],
)

doc(
    "ns_04",
    url="https://www2.spc.ritsumei.ac.jp/archives/1777",
    title="高校 第23回卒業証書授与式",
    subject="school (graduation ceremony)",
    query="高校 卒業式 校長 卒業生 送辞 答辞 体育館",
    doc_date="2018-03-08",
    people={"久野": ["久野"]},
    orgs={"慶祥": ["慶祥"]},
    dates=[("2018/03/08", "2018-03-08"), ("3月2日", "2018-03-02")],
    non_dates=["18歳", "30歳", "40歳", "50歳", "高校3年"],
    events=[
        E(
            "2018-03-02",
            "meeting",
            "行われる",
            orgs=["慶祥"],
            desc="The school's 23rd graduation ceremony is held",
        ),
    ],
)

doc(
    "ns_05",
    url="https://www.miyakomainichi.com/2017/06/100274/",
    title="奥平産婦人科医院が落成/来月3日開院",
    subject="medical (new clinic opens)",
    query="病院 院長 新病棟 開院 診療開始 記念式典 地域医療",
    doc_date="2017-06-25",
    people={
        "奥平忠寛": ["奥平忠寛", "奥平"],
        "橋口幹夫": ["橋口幹夫"],
        "下地敏彦": ["下地敏彦"],
        "本永英治": ["本永英治"],
        "下地輝子": ["下地輝子"],
    },
    orgs={
        "奥平産婦人科医院": ["奥平産婦人科医院"],
        "県立中部病院": ["県立中部病院"],
        "県立宮古病院": ["県立宮古病院"],
        "宮古地区医師会": ["宮古地区医師会"],
    },
    dates=[("2017年6月25日", "2017-06-25"), ("来月3日", "2017-07-03"), ("24日", "2017-06-24")],
    non_dates=["2558平方㍍"],
    events=[
        E(
            "2017-07-03",
            "founding",
            "開院",
            orgs=["奥平産婦人科医院"],
            desc="Okudaira obstetrics clinic to open (headline)",
        ),
        E(
            "2017-06-24",
            "meeting",
            "行われる",
            people=["奥平忠寛"],
            orgs=["奥平産婦人科医院"],
            desc="Opening ceremony of the clinic held",
        ),
    ],
)

doc(
    "ns_06",
    url="https://news.ntv.co.jp/category/society/sdc201669fd7bd47dda47f81943a05b2b3",
    title="交差点で車同士が衝突 軽自動車の54歳女を逮捕 後部座席に乗っていた69歳男性が死亡 一時停止無視か(静岡・磐田市)",
    subject="accident (traffic, arrest)",
    query="交通事故 乗用車 衝突 死亡 警察によると 運転していた男性 現場は",
    doc_date=None,
    people={},
    orgs={},
    dates=[("1日", None), ("12月31日から1月9日", None)],
    non_dates=["54歳", "69歳", "10日間"],
    events=[],
)

doc(
    "ns_07",
    url="https://www.mofa.go.jp/mofaj/na/na1/us/page4_004940.html",
    title="日米首脳会談",
    subject="foreign affairs (summit, government release)",
    query="首脳会談 外相 会談 共同声明 ワシントン 訪問 大統領と会談",
    doc_date="2019-04-26",
    people={
        "安倍晋三": ["安倍晋三", "安倍"],
        "Donald Trump": ["ドナルド・トランプ", "トランプ", "Donald J. Trump"],
        "金正恩": ["金正恩"],
    },
    orgs={"日米安全保障協議委員会": ["日米安全保障協議委員会", "2+2"]},
    dates=[("平成31年4月26日", "2019-04-26"), ("4月26日", "2019-04-26"), ("19日", "2019-04-19")],
    non_dates=["16時35分", "105分間", "約45分間", "約25分間", "約35分間"],
    events=[
        E(
            "2019-04-26",
            "meeting",
            "行う",
            people=["安倍晋三", "Donald Trump"],
            desc="Abe and Trump hold a Japan-US summit in Washington",
        ),
    ],
)

doc(
    "ns_08",
    url="http://news.kantsuu.com/201607/20160702093352_511919.shtml",
    title="シーラカンスの化石、新種と確認 北九州の博物館学芸員",
    subject="science discovery (fossil)",
    query="新種 発見 化石 博物館 研究チーム 発表 論文 学術誌",
    doc_date=None,
    people={
        "籔本美孝": ["籔本(やぶもと)美孝", "籔本"],
        "パウロ・ブリトー": ["パウロ・ブリトー"],
        "伊藤宏樹": ["伊藤宏樹"],
    },
    orgs={
        "北九州市立いのちのたび博物館": ["北九州市立いのちのたび博物館"],
        "日本古生物学会": ["日本古生物学会"],
        "城西大学": ["城西大学"],
        "リオデジャネイロ州立大": ["リオデジャネイロ州立大"],
    },
    dates=[("2億3千万年前", None), ("1日", None), ("2014年", "2014"), ("2億年以上前", None)],
    non_dates=[],
    events=[
        E(
            "2014",
            "discovery",
            "気づく",
            people=["籔本美孝"],
            desc="Yabumoto notices the fossil may be a new species",
        ),
        E(
            "2014",
            "study",
            "着手",
            people=["籔本美孝"],
            desc="Yabumoto borrows the fossil and starts research",
        ),
    ],
)

doc(
    "ns_09",
    url="http://www.gifu-np.co.jp/huho/huho.htm",
    title="[no title in page text] 岐阜新聞 訃報 2017年3月",
    subject="obituaries",
    query="氏死去 歳 葬儀は近親者で 喪主は 元社長 病院で死去",
    doc_date=None,
    people={
        "小森和夫": ["小森 和夫"],
        "基弘": ["基弘"],
        "細江茂之": ["細江 茂之"],
        "細江茂光": ["細江茂光", "茂光"],
        "安田忠亮": ["安田 忠亮"],
        "朝生": ["朝生"],
    },
    orgs={
        "旭エージェンシー": ["旭エージェンシー", "岐阜日日西濃広告"],
        "岐阜新聞": ["岐阜新聞", "岐阜日日新聞"],
        "中津川市立苗木小学校": ["中津川市立苗木小学校"],
        "中津川市立落合小学校": ["中津川市立落合小学校"],
    },
    dates=[
        ("2017年3月", "2017-03"),
        ("29日", None),
        ("30日", None),
        ("31日", None),
        ("1947年", "1947"),
        ("73年", "1973"),
        ("2001年", "2001"),
        ("28日", None),
        ("25日", None),
        ("27日", None),
    ],
    non_dates=["89歳", "101歳", "93歳", "苗木2639", "瀬戸1192の4"],
    events=[
        E(
            "1947",
            "joining",
            "入社",
            people=["小森和夫"],
            orgs=["岐阜新聞"],
            desc="Komori joins the Gifu Nichinichi newspaper",
        ),
        E(
            "1973",
            "departure",
            "退職",
            people=["小森和夫"],
            orgs=["岐阜新聞"],
            desc="Komori leaves the newspaper",
        ),
        E(
            "1973",
            "founding",
            "創業",
            people=["小森和夫"],
            orgs=["旭エージェンシー"],
            desc="Komori founds Gifu Nichinichi Seino Kokoku (now Asahi Agency)",
        ),
    ],
)

doc(
    "ns_10",
    url="http://www.sankeibiz.jp/business/news/180227/bsg1802272217005-n1.htm",
    title="UACJ社長に石原美幸取締役兼常務執行役員 人事に筆頭株主の古河電工が異議",
    subject="personnel announcement",
    query="人事異動 社長就任 取締役会で内定 6月の株主総会 後任 副社長 昇格 発表した",
    doc_date=None,
    people={
        "石原美幸": ["石原美幸", "石原"],
        "岡田満": ["岡田満", "岡田"],
        "山内重徳": ["山内重徳", "山内"],
    },
    orgs={
        "UACJ": ["UACJ"],
        "古河スカイ": ["古河スカイ"],
        "住友軽金属工業": ["住友軽金属工業"],
        "古河電気工業": ["古河電気工業", "古河電工"],
        "名大": ["名大"],
    },
    dates=[
        ("27日", None),
        ("6月21日", None),
        ("平成25年", "2013"),
        ("昭和56年", "1981"),
        ("平成29年4月", "2017-04"),
    ],
    non_dates=[],
    events=[
        E(
            "2013",
            "merger",
            "経営統合",
            orgs=["古河スカイ", "住友軽金属工業"],
            desc="Furukawa-Sky and Sumitomo Light Metal integrate",
        ),
        E("2013", "founding", "発足", orgs=["UACJ"], desc="UACJ is formed"),
    ],
)

doc(
    "ns_11",
    url="https://www.sankeibiz.jp/business/news/150310/bsd1503101718009-n1.htm",
    title="[no title in page text] ファミマとユニーGHDが経営統合へ(SankeiBiz)",
    subject="merger",
    query="経営統合で基本合意 記者会見 両社長 統合後の売上高 業界再編",
    doc_date=None,
    people={},
    orgs={
        "ファミリーマート": ["ファミリーマート", "ファミマ"],
        "サークルKサンクス": ["サークルKサンクス"],
        "ユニーグループ・ホールディングス": [
            "ユニーグループ・ホールディングス",
            "ユニーGHD",
            "GHD",
        ],
    },
    dates=[("10日", None), ("来年9月", None), ("同日", None)],
    non_dates=[],
    events=[],
)

doc(
    "ns_12",
    url="https://www.yamanashibank.co.jp/fuji_note/yamanashi/post_4832.html",
    title="商店街にみこし",
    subject="festival (local)",
    query="祭り 開幕 みこし 山車 見物客 にぎわう 市内 伝統",
    doc_date=None,
    people={"若尾芽依": ["若尾芽依"]},
    orgs={},
    dates=[("7月12日", None)],
    non_dates=["毎年", "7月の第2土曜"],
    events=[],
)

doc(
    "ns_13",
    url="http://boulangerie-mashimashi.blogspot.com/2019/06/",
    title="おかげさまで7周年。",
    subject="blog post by a small bakery",
    query="パン屋 ブログ 店主 いつもご来店ありがとうございます 定休日 新商品 お知らせ",
    doc_date="2019-06-19",
    people={},
    orgs={},
    dates=[("2019年6月19日", "2019-06-19"), ("今年", "2019"), ("6月20日", "2019-06-20")],
    non_dates=["7周年", "8年目", "7年経った"],
    events=[
        E("2019", "other", "変わる", desc="The era name changes this year"),
        E("2019-06-20", "growth", "突入", desc="The bakery enters its 8th year"),
    ],
)

doc(
    "ns_14",
    url="https://news.yahoo.co.jp/articles/6a5b33a256798381b7f6ebdf690815e8d4a816ba",
    title="長野県安曇野市でコシヒカリの稲刈り始まる",
    subject="agriculture (rice harvest)",
    query="稲刈り 収穫 JA 農家 出荷 今年の作柄 新米",
    doc_date=None,
    people={"宮澤幸司": ["宮澤幸司", "宮澤"]},
    orgs={"JAあづみ": ["JAあづみ"]},
    dates=[("27日", None), ("今年", None), ("9月20日ごろ", None), ("10月上旬", None)],
    non_dates=["7~10日", "2100ヘクタール", "1万2000トン"],
    events=[],
)

doc(
    "ns_15",
    url="http://www.kabuki-bito.jp/news/2011/09/post_321.html",
    title="又五郎、歌昇が襲名披露口上~新橋演舞場 秀山祭九月大歌舞伎",
    subject="theatre (kabuki name succession)",
    query="歌舞伎 襲名披露 公演 代目 名跡 口上 歌舞伎座",
    doc_date="2011-09-01",
    people={
        "中村芝翫": ["中村芝翫", "芝翫"],
        "中村吉右衛門": ["中村吉右衛門"],
        "坂田藤十郎": ["坂田藤十郎"],
        "中村歌昇": ["中村歌昇", "歌昇", "新歌昇"],
        "中村又五郎": ["中村又五郎", "又五郎", "新又五郎"],
    },
    orgs={},
    dates=[
        ("九月", "2011-09"),
        ("9月1日", "2011-09-01"),
        ("25日", "2011-09-25"),
        ("2011/09/01", "2011-09-01"),
    ],
    non_dates=[],
    events=[
        E(
            "2011-09-01",
            "release",
            "初日を迎える",
            desc="The September kabuki programme at Shinbashi Enbujo opens",
        ),
        E(
            "2011-09-01",
            "meeting",
            "行われる",
            people=["中村又五郎", "中村歌昇"],
            desc="The name-succession announcement (kojo) of the new Matagoro and Kasho is held",
        ),
    ],
)

# ----------------------------- BLIND half ----------------------------------

doc(
    "ns_16",
    url="https://www.asahi.com/articles/ASNCC3RXHNCCTOLB002.html",
    title="[no title in page text] 佐世保市の男を知人女性殺害容疑で緊急逮捕(朝日新聞)",
    subject="court/police (arrest)",
    query="容疑者を逮捕 県警 調べに対し 容疑を認めている 署によると",
    doc_date=None,
    people={"三宅秀夫": ["三宅秀夫", "三宅"], "古川葉子": ["古川葉子", "古川"]},
    orgs={"長崎県警": ["長崎県警", "県警"], "相浦署": ["相浦署"], "佐世保署": ["佐世保署"]},
    dates=[("11日", None), ("10日", None), ("10月30日", None), ("今月2日", None)],
    non_dates=["約5分後"],
    events=[],
)

doc(
    "ns_17",
    url="https://trafficnews.jp/post/61640",
    title="可部線「延伸」のほか、全国に4つのJR新駅が誕生 2017年春",
    subject="transport (timetable revision, new stations)",
    query="JR ダイヤ改正 新駅 開業 運行 鉄道 ローカル線 発表",
    doc_date=None,
    people={},
    orgs={"JRグループ": ["JRグループ"], "JR西日本": ["JR西日本"], "JR東日本": ["JR東日本"]},
    dates=[
        ("2017年春", "2017"),
        ("2017年3月", "2017-03"),
        ("2016年12月16日", "2016-12-16"),
        ("来春", None),
        ("2017年3月4日", "2017-03-04"),
        ("4月1日", "2017-04-01"),
        ("3月4日", None),
        ("同日", None),
        ("4月1日", None),
    ],
    non_dates=["38分", "36分", "34分"],
    events=[
        E("2017", "other", "誕生", desc="Four new JR stations open in spring 2017 (headline)"),
        E(
            "2016-12-16",
            "announcement",
            "発表",
            orgs=["JRグループ"],
            desc="JR group announces the outline of the spring timetable revision",
        ),
        E("2017-04-01", "other", "誕生", desc="One more new station opens on April 1"),
    ],
)

doc(
    "ns_18",
    url="http://asunaku-news.seesaa.net/article/237141350.html",
    title="【レポート】『明日泣く』初日大盛況!斎藤工×汐見ゆかり×武藤昭平×内藤誠監督が登壇",
    subject="film (opening day stage greeting)",
    query="映画 公開初日 舞台あいさつ 監督 主演 観客 登壇",
    doc_date="2011-11-26",
    people={
        "斎藤工": ["斎藤工", "斎藤"],
        "汐見ゆかり": ["汐見ゆかり"],
        "武藤昭平": ["武藤昭平"],
        "内藤誠": ["内藤誠", "内藤"],
        "島野千尋": ["島野千尋"],
    },
    orgs={},
    dates=[("2011年11月26日", "2011-11-26"), ("11月19日", "2011-11-19")],
    non_dates=[],
    events=[
        E("2011-11-19", "release", "初日を迎える", desc="The film Ashita Naku opens at Eurospace"),
    ],
)

doc(
    "ns_19",
    url="https://www3.nhk.or.jp/news/html/20240318/k10014394891000.html",
    title="高校野球 センバツ 熊本国府 甲子園初勝利 近江に延長サヨナラ",
    subject="sports: high-school baseball",
    query="全国高校野球 甲子園 初戦 サヨナラ 主将 監督 県勢",
    doc_date=None,
    people={
        "内田海": ["内田海"],
        "坂井理人": ["坂井理人"],
        "植田凰暉": ["植田凰暉"],
        "西山恒誠": ["西山恒誠", "西山"],
    },
    orgs={"熊本国府高校": ["熊本国府高校", "熊本国府"], "近江高校": ["近江高校", "近江"]},
    dates=[("おととし", None)],
    non_dates=["1日目"],
    events=[],
)

doc(
    "ns_20",
    url="https://go2senkyo.com/articles/2017/11/27/33597.html",
    title="[no title in page text] 市川市長選、法定得票に届かず再選挙へ(選挙ドットコム)",
    subject="local election",
    query="市長選 投開票 初当選 現職 新人 破り 得票 投票率",
    doc_date=None,
    people={
        "村越祐民": ["村越祐民", "村越"],
        "坂下茂樹": ["坂下茂樹"],
        "田中甲": ["田中甲"],
        "高橋亮平": ["高橋亮平"],
        "小泉文人": ["小泉文人"],
    },
    orgs={
        "民進党": ["民進党"],
        "共産党": ["共産党"],
        "自由党": ["自由党"],
        "社民党": ["社民党"],
        "選挙ドットコム": ["選挙ドットコム"],
    },
    dates=[("11月26日", None), ("11月19日", None)],
    non_dates=["4分の1", "2週間", "50日以内"],
    events=[],
)

doc(
    "ns_21",
    url="https://www.u-hyogo.ac.jp/news/pressrelease/20240904press.html",
    title="兵庫県・篠山盆地から新属新種の角竜類を発見",
    subject="press release (university, fossil discovery)",
    query="新種 発見 化石 博物館 研究チーム 発表 論文 学術誌",
    doc_date="2024-09-04",
    people={
        "田中公教": ["田中公教", "田中 公教"],
        "千葉謙太郎": ["千葉謙太郎"],
        "池田忠広": ["池田忠広"],
        "マイケル・ライアン": ["マイケル・ライアン"],
    },
    orgs={
        "兵庫県立大学": ["兵庫県立大学"],
        "兵庫県立人と自然の博物館": ["兵庫県立人と自然の博物館", "県立人と自然の博物館"],
        "岡山理科大学": ["岡山理科大学"],
        "カールトン大学": ["カールトン大学"],
        "カナダ自然博物館": ["カナダ自然博物館"],
        "自然・環境科学研究所": ["自然・環境科学研究所"],
    },
    dates=[
        ("2024.09.04", "2024-09-04"),
        ("2007年~2008年", "2007/2008"),
        ("2024年9月3日", "2024-09-03"),
        ("2024年9月4日", "2024-09-04"),
        ("11月10日", "2024-11-10"),
    ],
    non_dates=[],
    events=[
        E(
            "2024-09-03",
            "publication",
            "出版",
            people=["田中公教", "千葉謙太郎", "池田忠広", "マイケル・ライアン"],
            desc="The paper describing the new ceratopsian is published",
        ),
    ],
)

doc(
    "ns_22",
    url="https://sumibar.blogspot.com/2022/05/5-nhkorjp.html",
    title="[no title in page text] 福島県いわき市で震度5弱(NHKニュースの転載)",
    subject="disaster (earthquake)",
    query="地震 震度5弱 観測 気象庁 津波の心配なし 震源 マグニチュード けが人",
    doc_date=None,
    people={},
    orgs={"気象庁": ["気象庁"]},
    dates=[("22日", None), ("ことし3月", None), ("ことし3月16日", None)],
    non_dates=["午後1時", "20秒ほど"],
    events=[],
)

doc(
    "ns_23",
    url="https://kihaseason2015.hatenablog.com/entry/2015/12/13/111904",
    title="[no title in page text] 羽生結弦 GPファイナル男子初の3連覇(報道の転載)",
    subject="sports: figure skating",
    query="フィギュアスケート グランプリ 優勝 フリー 自己ベスト 得点 演技後",
    doc_date=None,
    people={
        "羽生結弦": ["羽生結弦", "羽生"],
        "宇野昌磨": ["宇野昌磨"],
        "宮原知子": ["宮原知子"],
        "浅田真央": ["浅田真央", "浅田"],
    },
    orgs={
        "ANA": ["ANA"],
        "中京大中京高": ["中京大中京高"],
        "関大高": ["関大高"],
        "中京大": ["中京大"],
    },
    dates=[("12日", None), ("10日", None)],
    non_dates=["17歳", "3連覇"],
    events=[],
)

doc(
    "ns_24",
    url="https://www.nikkansports.com/entertainment/news/f-et-tp0-20150215-1434975.html",
    title="[no title in page text] 福山雅治、ツアー千秋楽でスタジアムライブを発表(日刊スポーツ)",
    subject="music (concert, tour announcement)",
    query="コンサート ツアー ファイナル 公演 ライブ 日本武道館 ファン 発表 新曲",
    doc_date=None,
    people={"福山雅治": ["福山雅治"]},
    orgs={},
    dates=[
        ("15日", None),
        ("今夏", None),
        ("来月", None),
        ("3月", None),
        ("今年", None),
        ("今年8月1、2日", None),
        ("同8、9日", None),
        ("同29日", None),
        ("30日", None),
    ],
    non_dates=["25周年", "25年でございます", "25年間", "4日間", "6年ぶり"],
    events=[],
)

doc(
    "ns_25",
    url="https://megalodon.jp/ref/2013-0109-0205-25/www.news.tss-tv.co.jp/i/1301080110.html",
    title="突然の解任劇 広電・社長の降格人事を発表",
    subject="personnel (dismissal of a company president)",
    query="人事異動 社長就任 取締役会で内定 6月の株主総会 後任 副社長 昇格 発表した",
    doc_date="2013-01-08",
    people={"越智秀信": ["越智秀信", "越智"], "椋田昌夫": ["椋田昌夫", "椋田"]},
    orgs={"広島電鉄": ["広島電鉄", "広電"]},
    dates=[
        ("2013年", "2013"),
        ("1月8日", "2013-01-08"),
        ("きょう", "2013-01-08"),
        ("1969年", "1969"),
        ("2010年", "2010"),
        ("あす", "2013-01-09"),
    ],
    non_dates=["66歳"],
    events=[
        E(
            "2013-01-08",
            "dismissal",
            "解職",
            people=["越智秀信"],
            orgs=["広島電鉄"],
            desc="Hiroden removes president Ochi",
        ),
        E(
            "2013-01-08",
            "announcement",
            "発表",
            people=["椋田昌夫"],
            orgs=["広島電鉄"],
            desc="Hiroden announces Mukuda as the new president",
        ),
        E(
            "2013-01-08",
            "other",
            "決議",
            orgs=["広島電鉄"],
            desc="The change was resolved at an extraordinary board meeting today",
        ),
        E(
            "1969",
            "joining",
            "入社",
            people=["椋田昌夫"],
            orgs=["広島電鉄"],
            desc="Mukuda joins Hiroshima Electric Railway",
        ),
        E(
            "2010",
            "appointment",
            "就任",
            people=["椋田昌夫"],
            orgs=["広島電鉄"],
            desc="Mukuda becomes senior managing director",
        ),
        E(
            "2013-01-09",
            "meeting",
            "開く",
            people=["椋田昌夫"],
            desc="Mukuda to hold an inaugural press conference from tomorrow",
        ),
    ],
)

doc(
    "ns_26",
    url="http://www.pan-de-smile.com/2011/03/",
    title="価格改定のお知らせ",
    subject="notice by a small bakery (price change)",
    query="パン屋 ブログ 店主 いつもご来店ありがとうございます 定休日 新商品 お知らせ",
    doc_date="2011-03-31",
    people={},
    orgs={"パンデスマイル": ["パンデスマイル"]},
    dates=[
        ("今日", "2011-03-31"),
        ("一昨年", "2009"),
        ("4月", "2011-04"),
        ("4月1日", "2011-04-01"),
        ("2011年03月31日", "2011-03-31"),
    ],
    non_dates=["30分ほど"],
    events=[
        E(
            "2011-03-31",
            "announcement",
            "お知らせをする",
            orgs=["パンデスマイル"],
            desc="The bakery makes an announcement today",
        ),
        E(
            "2011-04",
            "other",
            "引き上げる",
            desc="Government wheat price to rise a further 18% from April",
        ),
        E(
            "2011-04-01",
            "other",
            "実施",
            orgs=["パンデスマイル"],
            desc="The bakery revises its prices from April 1",
        ),
    ],
)

doc(
    "ns_27",
    url="https://sports.yahoo.co.jp/official/detail/2024072000054-spnaviow",
    title="横浜FMが国立決戦を制し首位町田を撃破!4-3で逃げ切った札幌が今季3勝目を挙げる【サマリー:明治安田J1 第24節】",
    subject="sports: football (J1 round summary)",
    query="サッカー J1 第節 ホーム 先制 同点 決勝ゴール 監督 試合後 サポーター",
    doc_date=None,
    people={
        "アンデルソン ロペス": ["アンデルソン ロペス"],
        "ミッチェル デューク": ["ミッチェル デューク"],
        "ジョン ハッチンソン": ["ジョン ハッチンソン"],
        "畑大雅": ["畑 大雅"],
        "名古新太郎": ["名古 新太郎"],
        "濃野公人": ["濃野 公人"],
        "山内翔": ["山内 翔"],
        "菊池流帆": ["菊池 流帆"],
        "稲垣祥": ["稲垣 祥"],
        "山田新": ["山田 新"],
        "脇坂泰斗": ["脇坂 泰斗"],
        "ラファエル エリアス": ["ラファエル エリアス"],
    },
    orgs={
        "横浜FM": ["横浜FM"],
        "町田": ["町田"],
        "札幌": ["札幌"],
        "G大阪": ["G大阪"],
        "湘南": ["湘南"],
        "FC東京": ["FC東京"],
        "鹿島": ["鹿島"],
        "名古屋": ["名古屋"],
        "神戸": ["神戸"],
        "柏": ["柏"],
        "川崎F": ["川崎F"],
        "京都": ["京都"],
        "磐田": ["磐田"],
    },
    dates=[("20日", None)],
    non_dates=[
        "33分",
        "43分",
        "85分",
        "83分",
        "30分",
        "47分",
        "90分",
        "90 3分",
        "90 10分",
        "79分",
        "82分",
    ],
    events=[],
)

doc(
    "ns_28",
    url="https://news.mynavi.jp/article/20070915-kaguya5/",
    title="[no title in page text] H-IIA13号機打上げ成功、月周回衛星「かぐや」を分離(マイナビニュース)",
    subject="space (rocket launch)",
    query="JAXA 打ち上げ 成功 ロケット 種子島宇宙センター 衛星 分離",
    doc_date=None,
    people={"志村夏海": ["志村夏海"], "間宮馨": ["間宮馨"]},
    orgs={
        "三菱重工業": ["三菱重工業", "MHI"],
        "宇宙航空研究開発機構": ["宇宙航空研究開発機構", "JAXA"],
    },
    dates=[("14日", None), ("前日", None), ("今年度冬期", None)],
    non_dates=["約45分後", "10時31分01秒", "1~2分間", "4分間くらい", "45分34秒後", "24歳"],
    events=[],
)

doc(
    "ns_29",
    url="https://corporate.jp.sharp/ir/event/press/0703_43_01.html",
    title="[no title in page text] シャープ 第3四半期決算の概要(IR説明)",
    subject="company quarterly results",
    query="第3四半期決算 営業利益 前年同期比 増収増益 通期予想 上方修正 発表した",
    doc_date=None,
    people={},
    orgs={},
    dates=[
        ("平成18年10月から12月", "2006-10/2006-12"),
        ("平成18年4月から12月", "2006-04/2006-12"),
        ("今年度", None),
    ],
    non_dates=["前年同期比", "9ヵ月累計"],
    events=[],
)

doc(
    "ns_30",
    url="https://kachimai.jp/article/index.php?display=auto&no=265780",
    title="キリンの赤ちゃん公開おびひろ動物園、約200人歓声",
    subject="local news (zoo birth)",
    query="動物園 赤ちゃん 誕生 一般公開 飼育員 体重 母親",
    doc_date=None,
    people={
        "高橋利夫": ["高橋利夫"],
        "菊池愛梨": ["菊池愛梨"],
        "井上文男": ["井上文男"],
        "酒井花": ["酒井花"],
    },
    orgs={"おびひろ動物園": ["おびひろ動物園"], "釧路市動物園": ["釧路市動物園"]},
    dates=[("27日", None), ("21日", None), ("2012年5月", "2012-05"), ("1週間後", None)],
    non_dates=["7歳", "2歳", "18歳", "小5年", "午前10時~正午"],
    events=[
        E("2012-05", "birth", "出産", desc="The giraffe Ribbon gave birth to her first calf, Sky"),
    ],
)

BLIND_START = 16

# ---------------------------------------------------------------------------
# Events of the devset (dv_01 ... dv_15); dates, entities are in tests/devset/gold.json.
# ---------------------------------------------------------------------------

DEV_EVENTS: dict[str, list] = {
    "dv_01": [],
    "dv_02": [
        E(
            "2018",
            "founding",
            "発足",
            orgs=["きらぼし銀行"],
            desc="Kiraboshi Bank is formed (2018年のきらぼし銀行発足以降)",
        ),
    ],
    "dv_03": [],
    "dv_04": [],
    "dv_05": [
        E(
            "2019-08-14",
            "other",
            "先発登板",
            people=["小島和哉"],
            orgs=["千葉ロッテ・マリーンズ"],
            desc="Kojima starts the game of 2019-08-14",
        ),
        E(
            "2019-05-18",
            "result",
            "初勝利を挙げる",
            people=["今野龍太"],
            orgs=["東北楽天ゴールデンイーグルス"],
            desc="Konno gets his first win",
        ),
    ],
    "dv_06": [
        E(
            "2024",
            "result",
            "逃す",
            people=["大の里"],
            desc="Onosato narrowly missed the most-wins title last year",
        ),
    ],
    "dv_07": [
        E(
            "2013-12-11",
            "legal",
            "支持",
            orgs=["東京高裁", "東京地裁"],
            desc="Tokyo High Court upholds the district court's five-year sentence",
        ),
        E(
            "2013-12-11",
            "legal",
            "棄却",
            people=["内柴正人"],
            orgs=["東京高裁"],
            desc="Tokyo High Court rejects Uchishiba's appeal",
        ),
    ],
    "dv_08": [],
    "dv_09": [
        E("1970-03-01", "birth", "生まれる", people=["中山美穂"], desc="Miho Nakayama is born"),
        E("1985", "other", "デビュー", people=["中山美穂"], desc="Nakayama debuts"),
        E(
            "1985",
            "award",
            "受賞",
            people=["中山美穂"],
            desc="Nakayama wins the best new artist award of the 27th Japan Record Awards",
        ),
        E(
            "1995",
            "other",
            "主演",
            people=["中山美穂"],
            desc="Nakayama stars in Love Letter (1995)",
        ),
        E(
            "1997",
            "award",
            "受賞",
            people=["中山美穂"],
            desc="Nakayama wins a Japan Academy award for Tokyo Biyori (1997)",
        ),
    ],
    "dv_10": [
        E(
            "2012-04-24",
            "announcement",
            "発表",
            people=["古屋泰文"],
            orgs=["弘前大"],
            desc="Hirosaki University group announces a vibration-power material",
        ),
        E(
            "2009",
            "study",
            "始める",
            people=["古屋泰文"],
            orgs=["弘前大"],
            desc="The group started the research three years ago",
        ),
        E(
            "2011-12",
            "discovery",
            "開発",
            people=["古屋泰文"],
            orgs=["弘前大"],
            desc="The material was developed last December",
        ),
        E(
            "2012-04-25",
            "publication",
            "発表",
            people=["古屋泰文"],
            orgs=["弘前大"],
            desc="Results to be presented at a symposium in Hirosaki",
        ),
    ],
    "dv_11": [],
    "dv_12": [
        E(
            "2020-02-28",
            "appointment",
            "決める",
            orgs=["住友林業"],
            desc="Sumitomo Forestry decides its presidential change",
        ),
        E(
            "2020-04-01",
            "appointment",
            "昇格",
            people=["光吉敏郎"],
            orgs=["住友林業"],
            desc="Mitsuyoshi becomes president as of April 1",
        ),
        E(
            "2020-03-02",
            "statement",
            "表明",
            people=["光吉敏郎"],
            desc="Mitsuyoshi states his resolve at the press conference",
        ),
        E(
            "2020-01",
            "other",
            "打診",
            people=["市川晃", "光吉敏郎"],
            desc="Ichikawa sounded out Mitsuyoshi about the presidency in January",
        ),
        E("1948", "founding", "設立", orgs=["住友林業"], desc="Sumitomo Forestry founded"),
    ],
    "dv_13": [],
    "dv_14": [],
    "dv_15": [
        E(
            "2028",
            "investment",
            "投資",
            orgs=["日本製鉄"],
            desc="Nippon Steel is to invest about 1.6 trillion yen by 2028 (terms of the deal)",
        ),
    ],
}


# ---------------------------------------------------------------------------
# Checks and output
# ---------------------------------------------------------------------------


def check_doc(id_, text, people, orgs, dates, non_dates, events, errors):
    for canon, surfaces in list(people.items()) + list(orgs.items()):
        if not surfaces:
            errors.append(f"{id_}: no surface for {canon}")
        for s in surfaces:
            if s not in text:
                errors.append(f"{id_}: alias {s!r} ({canon}) not in text")
    seen = set()
    for t, v in dates:
        if t not in text:
            errors.append(f"{id_}: date {t!r} not in text")
        if (t, v) in seen:
            errors.append(f"{id_}: duplicate date {(t, v)}")
        seen.add((t, v))
    for n in non_dates:
        if n not in text:
            errors.append(f"{id_}: non-date {n!r} not in text")
        for t, _ in dates:
            if n in t or t in n:
                errors.append(f"{id_}: non-date {n!r} overlaps date {t!r}")
    values = {v for _, v in dates if v is not None}
    names = set(people) | set(orgs)
    for ev in events:
        if ev["type"] not in EVENT_TYPES:
            errors.append(f"{id_}: bad event type {ev['type']}")
        if ev["date"] not in values:
            errors.append(f"{id_}: event date {ev['date']} is not a labelled date value")
        for p in ev["people"] + ev["organizations"]:
            if names and p not in names:
                errors.append(f"{id_}: event participant {p!r} not labelled")


def build(write=True):
    errors = []
    gold, sources = {}, []
    for id_, d in sorted(DOCS.items()):
        path = NEWS_DIR / f"{id_}.txt"
        if not path.exists():
            errors.append(f"{id_}: missing text {path}")
            continue
        text = path.read_text(encoding="utf-8")
        n = len(text)
        if not 300 <= n <= 1600:
            errors.append(f"{id_}: length {n} outside 300-1,500 (+ newlines)")
        check_doc(
            id_, text, d["people"], d["orgs"], d["dates"], d["non_dates"], d["events"], errors
        )
        aliases = {c: list(s) for c, s in list(d["people"].items()) + list(d["orgs"].items())}
        gold[id_] = {
            "doc_date": d["doc_date"],
            "people": list(d["people"]),
            "organizations": list(d["orgs"]),
            "aliases": aliases,
            "dates": [{"text": t, "value": v} for t, v in d["dates"]],
            "non_dates": list(d["non_dates"]),
            "events": d["events"],
        }
        sources.append(
            {
                "id": id_,
                "half": "dev" if int(id_[3:]) < BLIND_START else "blind",
                "url": d["url"],
                "title": d["title"],
                "subject": d["subject"],
                "chars": n,
                "query": d["query"],
            }
        )

    dev_gold_path = ROOT / "tests" / "devset" / "gold.json"
    dev_gold = json.loads(dev_gold_path.read_text(encoding="utf-8"))["documents"]
    for id_, events in DEV_EVENTS.items():
        g = dev_gold[id_]
        values = {d["value"] for d in g["dates"] if d["value"] is not None}
        names = set(g["people"]) | set(g["organizations"])
        for ev in events:
            if ev["type"] not in EVENT_TYPES:
                errors.append(f"{id_}: bad event type {ev['type']}")
            if ev["date"] not in values:
                errors.append(f"{id_}: event date {ev['date']} not a labelled date value")
            for p in ev["people"] + ev["organizations"]:
                if p not in names:
                    errors.append(f"{id_}: participant {p!r} not in devset gold")
        tpath = DEV_DIR / f"{id_}.txt"
        if tpath.exists():
            text = tpath.read_text(encoding="utf-8")
            for ev in events:
                if ev["trigger"] not in text and not any(ch in text for ch in ev["trigger"][:2]):
                    errors.append(f"{id_}: trigger {ev['trigger']!r} not found")

    if errors:
        print("\n".join(errors))
        sys.exit(1)
    if write:
        (HERE / "gold.json").write_text(
            json.dumps({"documents": gold}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        (HERE / "sources.json").write_text(
            json.dumps(sources, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        (HERE / "dev_events.json").write_text(
            json.dumps(
                {"documents": {k: {"events": v} for k, v in DEV_EVENTS.items()}},
                ensure_ascii=False,
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
    for id_, g in gold.items():
        nulls = sum(1 for d in g["dates"] if d["value"] is None)
        print(
            f"{id_} chars={sources[[s['id'] for s in sources].index(id_)]['chars']} "
            f"doc_date={g['doc_date']} people={len(g['people'])} orgs={len(g['organizations'])} "
            f"dates={len(g['dates'])}({nulls} null) non_dates={len(g['non_dates'])} "
            f"events={len(g['events'])}"
        )
    print("dev events:", sum(len(v) for v in DEV_EVENTS.values()))


if __name__ == "__main__":
    build(write="--check" not in sys.argv)
