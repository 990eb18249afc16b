"""Chinese names and addresses in the forms people write them, and the configured keep list."""

from __future__ import annotations

from pathlib import Path

import pytest

from anonymizers.predefined_recognizers import keep

from .conftest import found

NAMES = [
    ("房东徐洋说押金退了", "徐洋"),
    ("我同事张伟今天请假", "张伟"),
    ("我要给房东史文博转房租", "史文博"),
    ("收款人沈思彤，备注写合同号", "沈思彤"),
    ("我跟范俊杰在一起三周年了", "范俊杰"),
    ("对方说是我的老同学孙子轩，急用钱", "孙子轩"),
    ("班主任李老师在群里说", "李老师"),
    ("出租车司机阿珍人很好", "阿珍"),
    ("中介阿强带我看了房", "阿强"),
    ("我们宿舍的小雪天天半夜打游戏", "小雪"),
    ("小李帮我带了饭", "小李"),
    ("我女朋友叫军军她生日快到了", "军军"),
    ("说实话我有点嫉妒红红，她什么都比我好", "红红"),
    ("请帮我给司马婷同学写一段祝福", "司马婷"),
    ("欧阳娜娜今天来了", "欧阳娜娜"),
    ("收件人阿力木·卡德尔，电话", "阿力木·卡德尔"),
    ("我女朋友叫买买提·艾山，她是哈萨克族", "买买提·艾山"),
    ("我叫zhang wei，在上海上班", "zhang wei"),
    ("my name is jason, i'm from Xi'an", "jason"),
    ("付款人Guo Xiaofeng，要不要申报", "Guo Xiaofeng"),
    ("我叫王 小 明，别搜我", "王 小 明"),
    ("房东是张*伟，你懂的", "张*伟"),
    ("我室友coco是交换生", "coco"),
    ("战队队长东方雨萱的微信发你了", "东方雨萱"),
    ("Surname ZHANG, Given names XIAOMING, Passport No. E12345678", "ZHANG"),
    ("Surname ZHANG, Given names XIAOMING, Passport No. E12345678", "XIAOMING"),
]

NOT_NAMES = [
    "这张卡是银联的",
    "班主任在群里说明天带户口本",
    "我很高兴见到你",
    "天天都在加班",
    "明明说好了又变",
    "小时候我住在乡下",
    "阿姨明天来打扫",
    "生日快乐，谢谢你",
    "i am fine thanks",
    "this is my email",
    "this is USA",
]

ADDRESSES = [
    ("家庭住址：御景华庭C栋1205室，邮编", "御景华庭C栋1205室"),
    ("她住在阳光100小区9号楼4单元502，离我们就一站地", "阳光100小区9号楼4单元502"),
    ("房子在华润二十四城3期14栋2单元1903，有意向的加我", "华润二十四城3期14栋2单元1903"),
    ("我现在在金地格林小城11-2-301楼下", "金地格林小城11-2-301"),
    ("快递地址写幸福里小区四号楼三单元二零一收件人", "幸福里小区四号楼三单元二零一"),
    ("户口在湖北省黄冈市蕲春县漕河镇三角山村六组，能上学吗", "湖北省黄冈市蕲春县漕河镇三角山村六组"),
    ("地址天津市南开区鞍山西道45号，过年寄特产", "天津市南开区鞍山西道45号"),
    ("我在杭州市学军小学三年级二班读书", "杭州市学军小学三年级二班"),
    ("孩子学校西安市铁一中高一8班要交校服费", "西安市铁一中高一8班"),
    ("地址是成都七中高三2班，门卫不让进", "成都七中高三2班"),
    ("Room 1203, No. 88 Jianguo Road, Chaoyang District, Beijing 100022", "Room 1203, No. 88 Jianguo Road, Chaoyang District, Beijing 100022"),
    ("住Rm 601, Bldg 3, No. 1188 Zhangyang Rd, Pudong, Shanghai，下周见", "Rm 601, Bldg 3, No. 1188 Zhangyang Rd, Pudong, Shanghai"),
    ("地址是天津市南开区鞍山西道45号碧桂园凤凰城12栋1单元803，对吗", "天津市南开区鞍山西道45号碧桂园凤凰城12栋1单元803"),
    ("我家在碧桂园凤凰城12栋1单元8O3", "碧桂园凤凰城12栋1单元8O3"),  # letter O typed for zero
    ("我家朝阳区建国路8 8号，楼下见", "朝阳区建国路8 8号"),
    ("在Apt 903, Block 6, Greenland New Metropolis, Chengdu读研", "Apt 903, Block 6, Greenland New Metropolis, Chengdu"),
    ("地址写成拼音：Xingfuli Xiaoqu 4 dong 3 danyuan 201，能送到吗", "Xingfuli Xiaoqu 4 dong 3 danyuan 201"),
]

NOT_ADDRESSES = [
    "我知道45号是谁",
    "在3号楼开会",
    "明天去2号楼3单元拿快递",
    "会议在2023-11-05举行",
    "我在北京上学",
    "他在清华大学读书",
    "过期日期2029-05-30",
]


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_name_found(engine, text: str, value: str) -> None:
    assert ("PERSON", value) in found(engine, text)


@pytest.mark.parametrize("text", NOT_NAMES)
def test_not_a_name(engine, text: str) -> None:
    assert [v for t, v in found(engine, text) if t == "PERSON"] == []


@pytest.mark.parametrize(("text", "value"), ADDRESSES)
def test_address_found(engine, text: str, value: str) -> None:
    assert ("ADDRESS", value) in found(engine, text)


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_not_an_address(engine, text: str) -> None:
    assert [v for t, v in found(engine, text) if t == "ADDRESS"] == []


# --- keep list: the app's characters and public figures (config/deid_keep.yaml) ----------------------

KEPT = [
    "苏沐，我不想活得这么累了",
    "小暖，这道方程怎么解",
    "云游道士，今天的运势如何",
    # person-named catalogue characters, where the message addresses them
    "阿杰，你觉得我该辞职吗",
    "早呀王老师，今天天气好冷",
    "有时候觉得全世界只有你懂我，Emma",
    "Leo, can you help me practice English speaking today?",
    "Detective Hale, who did it?",
    "周杰伦的演唱会票抢不到",
    "苏轼的词我最喜欢",
    "我超喜欢Taylor Swift的新专辑",
]


@pytest.mark.parametrize("text", KEPT)
def test_app_characters_and_public_figures_kept(engine, text: str) -> None:
    assert [v for t, v in found(engine, text) if t == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("小暖的妈妈王芳来了", "王芳"),  # a real name next to a character name is still redacted
        ("林墨涵是我同学", "林墨涵"),  # a longer name that starts with a kept one is not kept
        ("Leonard Smith called", "Leonard Smith"),  # Leo is kept, Leonard is not
    ],
)
def test_keep_list_fails_closed(engine, text: str, value: str) -> None:
    assert ("PERSON", value) in found(engine, text)


def test_character_names_come_from_the_catalogue() -> None:
    from transforms.synthetic.vocab import CHARACTERS

    names = set(keep.kept_names())
    catalogue = {name for _id, name, _genre, _lang in CHARACTERS}
    assert {n for n in catalogue if not keep.person_shaped(n)} <= names
    assert {"云游道士", "Detective Hale"} <= names
    assert "周杰伦" in names


# Catalogue characters named the way users name real people: keeping them kept every real 阿杰 and every
# real 王老师 (writers of the blind sets use them for people: 我问了下阿杰能不能先借我). Fail closed.
@pytest.mark.parametrize(
    ("text", "value"),
    [("这个月房租还差1200，我问了下阿杰能不能先借我", "阿杰"), ("我们班主任王老师今天又拖堂了", "王老师"),
     ("林墨是我高中同学", "林墨"), ("my coworker Mindy quit", "Mindy"), ("今天糖糖请我喝了奶茶", "糖糖")],
)
def test_person_shaped_catalogue_names_are_redacted(engine, text: str, value: str) -> None:
    assert value not in keep.kept_names()
    assert any(value in v for t, v in found(engine, text) if t == "PERSON"), found(engine, text)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("version: 1\npublic_figures: [周杰伦, 周杰伦]\n", "twice"),
        ("version: 1\npublic_figures: ['']\n", "non-empty"),
        ("version: 1\npublic_figure: [周杰伦]\n", "Extra inputs"),
        ("public_figures: [周杰伦]\n", "version"),
        ("version: 1\npublic_figures: [Agent 007]\n", "digit"),
        ("version: 1\nbrands: [7天酒店]\n", "digit"),  # the brands list is validated the same way
        ("version: 1\nbrands: [戴森, 戴森]\n", "twice"),
        ("version: [\n", "ParserError"),
        ("version: 1\npublic_resolvers: [114.114.114]\n", "does not appear to be an IPv4 or IPv6 address"),
    ],
)
def test_malformed_keep_list_is_one_clear_error(tmp_path: Path, yaml_text: str, message: str) -> None:
    p = tmp_path / "keep.yaml"
    p.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        keep.load_keep_config(p)
    assert str(p) in str(err.value)


def test_missing_keep_file_is_an_error_not_an_empty_list(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="invalid de-identification keep list"):
        keep.kept_names(str(tmp_path / "absent.yaml"))
