"""Static vocabulary of the synthetic sources: characters, message templates, devices, pages.

Templates use `{slot}` placeholders. PII slots (phone, id_card, ...) are filled by `PiiFactory` and
recorded in the truth files with their offsets; hard-negative slots (price, order_no, version, ...)
produce look-alikes that must *not* be treated as PII; the rest are harmless fillers.
"""

from __future__ import annotations

# (character_id, display name, category, language)
CHARACTERS: tuple[tuple[str, str, str, str], ...] = (
    ("chr_xiaonuan", "小暖", "companion", "zh"),
    ("chr_ajie", "阿杰", "companion", "zh"),
    ("chr_tangtang", "糖糖", "companion", "zh"),
    ("chr_linmo", "林墨", "romance", "zh"),
    ("chr_gu_xingchen", "顾星辰", "romance", "zh"),
    ("chr_sumu", "苏沐", "romance", "zh"),
    ("chr_laoshi_wang", "王老师", "tutor", "zh"),
    ("chr_emma", "Emma", "tutor", "en"),
    ("chr_leo", "Leo", "tutor", "en"),
    ("chr_xinyu", "心语", "wellbeing", "zh"),
    ("chr_mindy", "Mindy", "wellbeing", "en"),
    ("chr_daoshi", "云游道士", "roleplay", "zh"),
    ("chr_jianke", "江湖剑客", "roleplay", "zh"),
    ("chr_detective", "Detective Hale", "roleplay", "en"),
    ("chr_nekomimi", "小咪", "anime", "zh"),
    ("chr_sakura", "樱酱", "anime", "zh"),
    ("chr_xiaozhu", "效率小助手", "assistant", "zh"),
    ("chr_chef_li", "李大厨", "assistant", "zh"),
    ("chr_gamebuddy", "开黑搭子", "game", "zh"),
    ("chr_werewolf", "狼人杀法官", "game", "zh"),
)

POPULAR_UTTERANCES: tuple[tuple[str, int], ...] = (
    ("晚安", 30), ("你好呀", 26), ("今天好累", 22), ("早安", 18), ("在吗", 16), ("哈哈哈哈", 14),
    ("想你了", 12), ("谢谢你", 11), ("抱抱", 10), ("我回来了", 9), ("嗯嗯", 8), ("晚安啦", 7),
    ("good night", 6), ("hi", 6), ("好无聊啊", 5), ("睡不着", 5),
)  # fmt: skip

USER_ZH: tuple[str, ...] = (
    "今天{feeling}，想找你聊聊",
    "刚下班，{food}好好吃",
    "你说我要不要辞职啊",
    "{char}，你今天过得怎么样？",
    "我又失眠了，能陪我说说话吗",
    "今天被老板骂了，好委屈",
    "你还记得我昨天跟你说的事吗",
    "推荐一部好看的{genre}吧",
    "我想学{skill}，从哪开始比较好",
    "周末想去{place}，你觉得怎么样",
    "考试又没考好，我是不是很笨",
    "和{relation}吵架了，心里好难受",
    "你会一直陪着我吗",
    "给我讲个睡前故事吧",
    "假装你是我的{role}，哄哄我",
    "哈哈哈你好可爱",
    "今天下雨了，没带伞🥲",
    "我养的猫今天把杯子打碎了",
    "最近在追{show}，太上头了",
    "帮我给我的{pet}想个名字",
    "你觉得人活着的意义是什么",
    "明天要面试了，好紧张",
    "我今天跑了{num}公里！",
    "中午吃了{food}，现在好困",
    "你能用四川话跟我说话吗",
    "我有点想家了",
    "你是真人吗？",
    "我们来玩成语接龙吧，我先：{idiom}",
    "教我做{dish}好不好",
    "为什么我总是拖延啊",
    "{relation}又催我找对象了，烦死了",
    "今天{place}人好多，挤死了",
    "我是不是不太会跟人相处",
    "你喜欢什么颜色呀",
    "好想出去旅游，去哪里好呢",
    "陪我背一会儿单词吧",
    "我刚刚哭了一场，现在好多了",
    "你觉得我应该先还花呗还是先交房租",
    "今天终于把{thing}搞定了！！",
    "我最近老是做噩梦",
    "你猜我今天遇到了什么",
    "我好像喜欢上一个人了",
    "帮我写一段生日祝福，给{relation}的",
    "{feeling}，不想说话",
    "讲个笑话让我开心一下",
    "你会不会觉得我很烦",
    "今天的晚霞好美，可惜你看不到",
    "明天{relation}生日，送什么礼物好",
    "我想减肥但是管不住嘴",
    "你说猫和狗哪个更好养",
)

USER_EN: tuple[str, ...] = (
    "hey, how was your day?",
    "I can't sleep again",
    "can you help me practice my English?",
    "tell me a joke please",
    "I feel kind of lonely tonight",
    "what do you think about love?",
    "my boss is driving me crazy",
    "let's play a word game",
    "do you remember what I told you yesterday?",
    "recommend me a good {genre_en}",
    "I just finished my exams!!",
    "can you pretend to be my {role_en} for a while",
    "I had {food_en} for dinner lol",
    "why am I always so tired",
    "write me a short poem about the rain",
    "is it normal to feel anxious all the time?",
    "I think I'm falling for someone",
    "what should I cook tonight",
)

USER_MIXED: tuple[str, ...] = (
    "今天的meeting开了三个小时，真的好tired",
    "这个deadline太赶了，我快崩溃了",
    "你能帮我改一下这段英文email吗",
    "周末想去吃brunch，有推荐吗",
    "我的crush今天回我消息了！！",
    "emo了，不想上班",
    "好想躺平啊 lol",
    "这首歌的vibe好好",
    "帮我写个英文的self introduction",
    "今天的workout好累，腿废了",
    "老板让我做个PPT，好烦 orz",
    "OMG 我抢到演唱会门票了",
    "今天是我的birthday🎂",
    "{char} you are so sweet 哈哈",
    "我在学{skill}，so hard",
    "这周的KPI还差好多，好焦虑",
    "sorry 刚才在忙，现在有空了",
    "wait 你刚刚说什么？",
)

# PII templates: (language, template). Slots: phone, phone_spoken, landline, id_card, bank_card, qq,
# wechat, name_zh, name_en, address, email.
USER_PII: tuple[tuple[str, str], ...] = (
    ("zh", "我手机号是{phone}，有事打我"),
    ("zh", "记一下我电话{phone}"),
    ("zh", "我的新号{phone}，旧的不用了"),
    ("zh", "帮我记住我妈的号码：{phone}"),
    ("zh", "快递员电话{phone}一直打不通，怎么办"),
    ("zh", "刚才有个{phone}打给我，是诈骗吗"),
    ("mixed", "my number is {phone}，有空call我"),
    ("en", "text me at {phone} later ok?"),
    ("zh", "我身份证号{id_card}，帮我看看是哪里的"),
    ("zh", "实名认证老是失败，身份证{id_card}有问题吗"),
    ("zh", "帮我记一下身份证号 {id_card}"),
    ("zh", "加我微信{wechat}吧"),
    ("zh", "我的wx是{wechat}"),
    ("zh", "vx：{wechat}，记得加"),
    ("zh", "微信号 {wechat} 有事找我"),
    ("zh", "我QQ{qq}，有空来找我玩"),
    ("zh", "扣扣{qq}，加我一起打游戏"),
    ("en", "my QQ is {qq}"),
    ("zh", "我叫{name_zh}，以后就这么叫我"),
    ("zh", "我同桌{name_zh}今天又欺负我"),
    ("zh", "我喜欢的人叫{name_zh}，你说我该表白吗"),
    ("zh", "{name_zh}是我最好的朋友，可是她最近不理我"),
    ("en", "my name is {name_en}, nice to meet you"),
    ("mixed", "我的英文名是{name_en}，你也可以这么叫我"),
    ("zh", "我住在{address}，附近有什么好吃的"),
    ("zh", "快递寄到{address}了吗"),
    ("zh", "我家地址是{address}，记住哦"),
    ("zh", "我的邮箱是{email}，把故事发给我"),
    ("en", "email me at {email}"),
    ("zh", "发到我邮箱{email}吧"),
    ("zh", "我的银行卡号{bank_card}，工资怎么还没到"),
    ("zh", "帮我看看这个卡号{bank_card}是哪个银行的"),
    ("zh", "公司座机{landline}，白天打这个"),
    ("zh", "我叫{name_zh}，电话{phone}，住{address}"),
    ("zh", "收件人：{name_zh} {phone} {address}"),
    ("en", "I'm {name_en}, my email is {email}"),
    ("zh", "我是{name_zh}，微信{wechat}，手机{phone}"),
)

# Spoken forms only appear in voice transcripts.
USER_PII_VOICE: tuple[str, ...] = (
    "我的电话是{phone_spoken}你记一下",
    "记住我手机号{phone_spoken}",
    "我叫{name_zh}你记住了吗",
)

# Hard negatives: numbers and strings that look like identifiers but are not PII.
USER_NEGATIVE: tuple[str, ...] = (
    "这个耳机要¥{price}，值得买吗",
    "订单号{order_no}怎么还没发货",
    "更新到{version}之后老闪退",
    "明天早上{time}叫我起床",
    "我这次考了{score}分！",
    "今天走了{steps}步，累死",
    "房租涨到{price}元了，好贵",
    "坐{line}号线回家，好挤",
    "app是{version}，怎么没有语音功能",
    "我的订单{order_no}退款了吗",
    "{time}的闹钟帮我取消一下",
)

ASSISTANT_ZH: tuple[str, ...] = (
    "抱抱你，今天辛苦啦。想跟我说说发生了什么吗？",
    "我一直都在呀～",
    "听起来你真的很累了，要不要先休息一下？",
    "好呀，我们来聊聊吧！",
    "嗯嗯，我在听，你慢慢说。",
    "哈哈，你也太可爱了吧！",
    "别担心，你已经做得很好了。",
    "晚安，做个好梦🌙",
    "早安！今天也要元气满满哦～",
    "我记得呀，你说过最近工作压力很大。",
    "这个问题有点难，我们一起想想办法好不好？",
    "要不要试试深呼吸，慢慢放松下来？",
    "我觉得你可以先从小事开始，一步一步来。",
    "哇，太厉害了！为你骄傲！",
    "这个我不太确定哦，建议你再查一下官方信息。",
    "出于安全考虑，不要在聊天里发送身份证号、银行卡号这类信息哦。",
    "好的，我来给你讲一个小故事：从前有一只怕黑的小狐狸……",
    "你想听实话吗？我觉得你比自己想象的更勇敢。",
    "我们先把事情列出来，再排个优先级吧。",
    "嗯……让我想想，你觉得呢？",
)

ASSISTANT_EN: tuple[str, ...] = (
    "I'm here for you. Want to tell me more?",
    "That sounds really tough. Take your time.",
    "Good night, sweet dreams!",
    "Sure, let's practice! Tell me about your day in English.",
    "Haha, you're funny!",
    "You've been working so hard. Be kind to yourself today.",
    "Please don't share personal details like ID or card numbers here.",
    "Here's one: why did the scarecrow win an award? Because he was outstanding in his field!",
    "What would make today a little better for you?",
    "I remember! You mentioned that last time.",
)

FILLERS: dict[str, tuple[str, ...]] = {
    "feeling": ("心情不太好", "有点emo", "特别开心", "好累", "有点焦虑", "超级无聊", "很烦"),
    "food": ("火锅", "麻辣烫", "奶茶", "螺蛳粉", "烧烤", "炸鸡", "小龙虾", "饺子", "牛肉面"),
    "food_en": ("pizza", "ramen", "hotpot", "a burger", "dumplings"),
    "show": ("《繁花》", "《甄嬛传》", "《庆余年》", "那部悬疑剧", "新出的综艺"),
    "skill": ("吉他", "日语", "画画", "Python", "游泳", "做饭", "剪视频"),
    "genre": ("电影", "小说", "动漫", "纪录片", "悬疑剧"),
    "genre_en": ("movie", "book", "anime", "podcast"),
    "relation": ("我妈", "我爸", "男朋友", "女朋友", "室友", "同事", "闺蜜", "我弟"),
    "place": ("海边", "商场", "图书馆", "迪士尼", "公园", "爬山", "学校", "公司"),
    "role": ("男朋友", "女朋友", "哥哥", "姐姐", "老师", "小猫"),
    "role_en": ("boyfriend", "girlfriend", "big brother", "teacher"),
    "pet": ("小猫", "小狗", "仓鼠", "乌龟"),
    "thing": ("论文", "年终总结", "驾照", "搬家", "期末作业"),
    "num": ("3", "5", "10", "半个马拉松21"),
    "idiom": ("一心一意", "画蛇添足", "守株待兔", "马到成功", "心想事成"),
    "dish": ("红烧肉", "番茄炒蛋", "可乐鸡翅", "酸菜鱼", "蛋炒饭"),
    "line": ("2", "4", "10", "13"),
}

SEARCH_QUERIES: tuple[str, ...] = (
    "温柔的女生角色", "英语口语陪练", "睡前故事", "学习搭子", "猫娘", "恋爱模拟", "心理疏导",
    "古风", "霸道总裁", "male companion", "anime girl", "study buddy", "狼人杀", "解压", "树洞",
    "怎么删除聊天记录", "会员多少钱", "语音通话", "如何注销账号", "角色 推荐", "emo了怎么办",
)  # fmt: skip

SEARCH_PII: tuple[str, ...] = ("{phone}", "{name_zh} 微信", "{email}", "找{name_zh}", "{qq}", "{wechat}")

PAGES: tuple[str, ...] = (
    "home", "chat", "character_list", "character_detail", "search", "settings", "profile", "store",
    "voice_call", "moments", "notifications", "vip",
)  # fmt: skip

CRASH_SIGNATURES: dict[str, tuple[str, ...]] = {
    "Android": (
        "java.lang.NullPointerException at com.aimate.chat.ChatFragment.onResume(ChatFragment.kt:212)",
        "java.lang.OutOfMemoryError at com.aimate.voice.VoiceRecorder.start(VoiceRecorder.kt:88)",
        "SIGSEGV libaimate_voice.so+0x1a2b3c",
        "android.view.WindowManager$BadTokenException at com.aimate.ui.Dialogs.show(Dialogs.kt:41)",
        "java.lang.IllegalStateException: Fragment not attached at com.aimate.store.StoreFragment",
    ),
    "HarmonyOS": (
        "java.lang.NullPointerException at com.aimate.chat.ChatFragment.onResume(ChatFragment.kt:212)",
        "SIGABRT libark_jsruntime.so+0x44f10",
    ),
    "iOS": (
        "EXC_BAD_ACCESS KERN_INVALID_ADDRESS AIMate ChatViewController.viewDidAppear",
        "EXC_CRASH SIGABRT AIMate VoiceSession.stop()",
        "Fatal error: Index out of range AIMate MessageList.swift:144",
    ),
}

NOTIFICATION_TARGETS: tuple[str, ...] = ("chat", "moments", "vip", "character_detail")

APP_VERSIONS: tuple[tuple[str, int], ...] = (
    ("3.4.0", 5), ("3.4.1", 10), ("3.5.0", 15), ("3.5.2", 30), ("3.6.0", 40),
)  # fmt: skip

# (os, model, os versions, weight)
DEVICE_MODELS: tuple[tuple[str, str, tuple[str, ...], int], ...] = (
    ("Android", "Xiaomi 14", ("14",), 10),
    ("Android", "Redmi K70", ("14", "13"), 9),
    ("Android", "OPPO Reno11", ("14", "13"), 8),
    ("Android", "vivo X100", ("14",), 8),
    ("Android", "HONOR 90", ("13", "14"), 6),
    ("Android", "SM-S9180", ("14",), 3),
    ("Android", "OnePlus 12", ("14",), 3),
    ("HarmonyOS", "HUAWEI Mate 60 Pro", ("4.2", "4.0"), 10),
    ("HarmonyOS", "HUAWEI nova 12", ("4.0",), 5),
    ("iOS", "iPhone 15 Pro", ("17.5.1", "18.1"), 10),
    ("iOS", "iPhone 14", ("17.4.1", "18.0.1"), 8),
    ("iOS", "iPhone 13", ("16.7.8", "17.5.1"), 7),
    ("iOS", "iPhone 12", ("16.7.8",), 3),
)

SCREENS: dict[str, tuple[str, ...]] = {
    "Android": ("1080x2400", "1220x2712", "1440x3200", "1080x2340"),
    "HarmonyOS": ("1260x2720", "1084x2412"),
    "iOS": ("1179x2556", "1170x2532", "1290x2796"),
}

INSTALL_SOURCES_CN: tuple[tuple[str, int], ...] = (
    ("huawei_appgallery", 20), ("xiaomi_store", 15), ("oppo_store", 10), ("vivo_store", 10),
    ("tencent_myapp", 10), ("official_site", 5), ("douyin_ad", 8),
)  # fmt: skip

NETWORKS: tuple[tuple[str, int], ...] = (("wifi", 55), ("5g", 25), ("4g", 18), ("3g", 2))
