#!/usr/bin/env python3
"""Independent validator for the r8 blind sets. Exit 1 on any error."""
import json, re, sys, unicodedata, hashlib

FILES = {"zh_r8.jsonl": "r8", "zh_adv_r8.jsonl": "a8"}
KEYS = ["id", "text", "lang", "register", "pii", "keep", "context"]
TYPES = set("""PERSON ADDRESS DATE_OF_BIRTH CN_MOBILE CN_LANDLINE PHONE_NUMBER CN_RESIDENT_ID CN_PASSPORT
CN_BANK_CARD CREDIT_CARD CN_LICENSE_PLATE WECHAT_ID QQ_NUMBER MESSENGER_ID EMAIL_ADDRESS URL IP_ADDRESS
MAC_ADDRESS IMEI HK_ID_CARD CN_HMT_PERMIT TW_PERMIT CN_USCC CN_SOCIAL_SECURITY CN_DRIVER_LICENSE VIN
IBAN_CODE CRYPTO US_SSN US_PASSPORT US_DRIVER_LICENSE UK_NHS GENERIC_ID""".split())
AI = {"林小暖", "小暖", "苏沐", "星野", "luna"}
ZW = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ufe0f\u20e3"), None)
CN = {**dict.fromkeys("零〇洞", "0"), **dict.fromkeys("一幺壹", "1"), **dict.fromkeys("二两贰", "2"),
      **dict.fromkeys("三叁", "3"), **dict.fromkeys("四肆", "4"), **dict.fromkeys("五伍", "5"),
      **dict.fromkeys("六陆", "6"), **dict.fromkeys("七柒拐", "7"), **dict.fromkeys("八捌", "8"),
      **dict.fromkeys("九玖", "9")}
WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
         "six": "6", "seven": "7", "eight": "8", "nine": "9"}

def base(s):
    s = unicodedata.normalize("NFKC", s.translate(ZW))
    out = []
    for ch in s:
        if ch in CN: out.append(CN[ch])
        elif not ch.isascii() and unicodedata.digit(ch, None) is not None: out.append(str(unicodedata.digit(ch)))
        else: out.append(ch)
    s = "".join(out)
    return re.sub(r"[A-Za-z]+", lambda m: WORDS.get(m.group().lower(), m.group()), s)

def alnum(s, homoglyph=False):
    s = base(s)
    if homoglyph: s = s.translate(str.maketrans("OoIl", "0011"))
    return re.sub(r"[^0-9A-Za-z]", "", s).upper()

def digits(s): return alnum(s, True)

def luhn(n):
    if not n.isdigit(): return False
    t = 0
    for i, d in enumerate(reversed(n)):
        d = int(d)
        if i % 2: d = d * 2 - 9 if d > 4 else d * 2
        t += d
    return t % 10 == 0

def rid_ok(n):
    if not re.fullmatch(r"\d{17}[\dX]", n): return False
    w = [2 ** (17 - i) % 11 for i in range(17)]
    if "10X98765432"[sum(int(a) * b for a, b in zip(n, w)) % 11] != n[17]: return False
    y, m, d = int(n[6:10]), int(n[10:12]), int(n[12:14])
    return 1900 < y < 2026 and 1 <= m <= 12 and 1 <= d <= 31

def hk_ok(n):
    m = re.fullmatch(r"([A-Z]{1,2})(\d{6})([0-9A])", n)
    if not m: return False
    L = m.group(1).rjust(2, " ")
    s = sum((36 if c == " " else ord(c) - 55) * w for c, w in zip(L, (9, 8)))
    s += sum(int(c) * w for c, w in zip(m.group(2), range(7, 1, -1)))
    c = (11 - s % 11) % 11
    return m.group(3) == ("A" if c == 10 else str(c))

def uscc_ok(n):
    cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    if len(n) != 18 or any(c not in cs for c in n): return False
    s = sum(cs.index(c) * (3 ** i % 31) for i, c in enumerate(n[:17]))
    return cs[(31 - s % 31) % 31] == n[17]

def vin_ok(n):
    if not re.fullmatch(r"[A-HJ-NPR-Z0-9]{17}", n): return False
    val = {c: i for i, c in enumerate("0123456789")}
    for grp, start in (("ABCDEFGH", 1), ("JKLMN", 1), ("P", 7), ("R", 9), ("STUVWXYZ", 2)):
        for i, c in enumerate(grp): val[c] = start + i
    w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    r = sum(val[c] * x for c, x in zip(n, w)) % 11
    return n[8] == ("X" if r == 10 else str(r))

def iban_ok(n):
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", n): return False
    return int("".join(str(int(c, 36)) for c in n[4:] + n[:4])) % 97 == 1

def nhs_ok(n):
    if not re.fullmatch(r"\d{10}", n): return False
    c = 11 - sum(int(d) * w for d, w in zip(n, range(10, 1, -1))) % 11
    c = 0 if c == 11 else c
    return c != 10 and c == int(n[9])

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
def b58check(s):
    try: n = 0; [n := n * 58 + B58.index(c) for c in s]
    except ValueError: return None
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    raw = b"\0" * (len(s) - len(s.lstrip("1"))) + raw
    if len(raw) != 25 or hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4] != raw[-4:]: return None
    return raw[0]

def bech32_ok(s):
    s = s.lower(); cs = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    if "1" not in s: return False
    hrp, data = s.rsplit("1", 1)
    if any(c not in cs for c in data) or len(data) < 6: return False
    v = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + [cs.index(c) for c in data]
    G = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]; chk = 1
    for x in v:
        b = chk >> 25; chk = (chk & 0x1FFFFFF) << 5 ^ x
        for i in range(5):
            if (b >> i) & 1: chk ^= G[i]
    return chk in (1, 0x2BC830A3)

def crypto_ok(v):
    s = re.sub(r"[\s\u200b]", "", unicodedata.normalize("NFKC", v))
    if re.fullmatch(r"0x[0-9a-fA-F]{40}", s): return True
    if s.lower().startswith("bc1"): return bech32_ok(s)
    return b58check(s) in (0, 5, 0x41)

def email_norm(v):
    s = base(v)
    s = re.sub(r"\s*(?:[\(\[【]\s*at\s*[\)\]】]|\bat\b|艾特|#|＠)\s*", "@", s, flags=re.I)
    s = re.sub(r"\s*(?:[\(\[【]\s*dot\s*[\)\]】]|\bdot\b|点|。)\s*", ".", s, flags=re.I)
    return re.sub(r"\s", "", s)

def ip_ok(v):
    s = re.sub(r"\s", "", base(v)).replace("。", ".")
    p = s.split(".")
    if len(p) != 4 or not all(x.isdigit() and int(x) < 256 for x in p): return False
    a, b = int(p[0]), int(p[1])
    return not (a in (0, 10, 127) or a >= 224 or (a == 172 and 16 <= b < 32) or (a == 192 and b == 168) or (a == 100 and 64 <= b < 128))

PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
BIRTH_CUE = re.compile(r"生日|出生|生于|生的|生在|年生|born|DOB|birth|出生年月", re.I)

def check_value(t, v, text):
    d = digits(v); a = alnum(v)
    if t == "CN_MOBILE":
        if len(d) == 13 and d.startswith("86"): d = d[2:]
        return bool(re.fullmatch(r"1[3-9]\d{9}", d))
    if t == "CN_LANDLINE": return bool(re.fullmatch(r"0\d{9,11}", d))
    if t == "PHONE_NUMBER": return d.isdigit() and 8 <= len(d) <= 15
    if t in ("CN_RESIDENT_ID", "CN_DRIVER_LICENSE"): return rid_ok(d)
    if t == "CN_SOCIAL_SECURITY": return rid_ok(d) if len(d) == 18 else bool(re.fullmatch(r"\d{8,12}", d))
    if t in ("CN_BANK_CARD",): return d.isdigit() and 16 <= len(d) <= 19 and luhn(d)
    if t == "CREDIT_CARD": return d.isdigit() and 13 <= len(d) <= 19 and luhn(d)
    if t == "IMEI": return len(d) == 15 and luhn(d)
    if t == "CN_PASSPORT": return bool(re.fullmatch(r"[EGDSP]\d{8}|E[A-HJ-NP-Z]\d{7}", a))
    if t == "HK_ID_CARD": return hk_ok(a)
    if t == "CN_HMT_PERMIT": return bool(re.fullmatch(r"[HMC]\d{8,10}", a))
    if t == "TW_PERMIT": return bool(re.fullmatch(r"\d{8}|\d{10}", d))
    if t == "CN_USCC": return uscc_ok(a)
    if t == "VIN": return vin_ok(a)
    if t == "IBAN_CODE": return iban_ok(a)
    if t == "UK_NHS": return nhs_ok(d)
    if t == "US_SSN":
        return bool(re.fullmatch(r"\d{9}", d)) and d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00" and d[5:] != "0000"
    if t == "US_PASSPORT": return bool(re.fullmatch(r"\d{9}|[A-Z]\d{8}", a))
    if t == "US_DRIVER_LICENSE": return bool(re.fullmatch(r"[A-Z0-9]{5,13}", a)) and any(c.isdigit() for c in a)
    if t == "CRYPTO": return crypto_ok(v)
    if t == "EMAIL_ADDRESS": return bool(re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", email_norm(v), re.A))
    if t == "URL":
        s = re.sub(r"\s", "", v).replace("[.]", ".").replace("hxxp", "http")
        return bool(re.match(r"https?://[\w.-]+\.[a-z]{2,}", s))
    if t == "IP_ADDRESS": return ip_ok(v)
    if t == "MAC_ADDRESS": return bool(re.fullmatch(r"[0-9A-F]{12}", a))
    if t == "QQ_NUMBER": return bool(re.fullmatch(r"[1-9]\d{4,10}", d))
    if t == "WECHAT_ID": return bool(re.fullmatch(r"[A-Za-z][-_A-Za-z0-9]{5,19}", re.sub(r"[^\w-]", "", base(v), flags=re.A)))
    if t == "CN_LICENSE_PLATE":
        s = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]", "", base(v)).upper()
        return bool(re.fullmatch(f"[{PROV}][A-Z][A-Z0-9]{{5,6}}", s))
    if t == "DATE_OF_BIRTH": return bool(BIRTH_CUE.search(text))
    if t == "PERSON":
        k = re.sub(r"[\s\u200b-\u200d\u2060·•.\-*🌸🍊🌙]", "", v).lower()
        return k not in AI
    return len(v.strip()) > 0

def spans(text, s):
    return [(m.start(), m.end()) for m in re.finditer(re.escape(s), text)]

def main():
    errs = []; seen_t = {}; seen_v = {}; stats = {}
    for fn, pre in FILES.items():
        n = 0
        try: lines = open(fn, encoding="utf-8").read().split("\n")
        except OSError as e: errs.append(f"{fn}: {e}"); continue
        if lines and lines[-1] == "": lines.pop()
        for ln, line in enumerate(lines, 1):
            where = f"{fn}:{ln}"
            try: o = json.loads(line)
            except ValueError as e: errs.append(f"{where}: bad json {e}"); continue
            n += 1
            if list(o) != KEYS: errs.append(f"{where}: keys {list(o)}"); continue
            if o["id"] != f"{pre}-{n:04d}": errs.append(f"{where}: id {o['id']}")
            t = o["text"]
            if not isinstance(t, str) or not t.strip(): errs.append(f"{where}: empty text")
            if t in seen_t: errs.append(f"{where}: duplicate text of {seen_t[t]}")
            seen_t[t] = o["id"]
            if o["lang"] not in ("zh", "en", "mixed"): errs.append(f"{where}: lang")
            if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", o["register"]): errs.append(f"{where}: register")
            pii_sp = []
            for p in o["pii"]:
                if list(p) != ["type", "value"]: errs.append(f"{where}: pii keys"); continue
                ty, v = p["type"], p["value"]
                if ty not in TYPES: errs.append(f"{where}: type {ty}")
                if v != v.strip() or not v: errs.append(f"{where}: whitespace {v!r}")
                sp = spans(t, v)
                if not sp: errs.append(f"{where}: pii not in text {v!r}"); continue
                if not check_value(ty, v, t): errs.append(f"{where}: invalid {ty} {v!r}")
                key = (ty, re.sub(r"[\W_]", "", base(v)).lower())
                if key in seen_v: errs.append(f"{where}: value repeats {seen_v[key]} {v!r}")
                seen_v[key] = o["id"]
                pii_sp.append((v, sp))
                stats.setdefault(fn, {}).setdefault(ty, 0); stats[fn][ty] += 1
            for i, (v1, s1) in enumerate(pii_sp):
                for v2, s2 in pii_sp[i + 1:]:
                    if v1 == v2: errs.append(f"{where}: duplicate pii {v1!r}")
                    elif any(a < d and c < b for a, b in s1 for c, d in s2): errs.append(f"{where}: pii overlap {v1!r}/{v2!r}")
            for field in ("keep", "context"):
                for k in o[field]:
                    if not isinstance(k, str) or k != k.strip() or not k: errs.append(f"{where}: {field} ws {k!r}"); continue
                    ks = spans(t, k)
                    if not ks: errs.append(f"{where}: {field} not in text {k!r}"); continue
                    for v, sp in pii_sp:
                        if any(a < d and c < b for a, b in sp for c, d in ks):
                            errs.append(f"{where}: {field} {k!r} overlaps pii {v!r}")
    for e in errs: print("ERROR", e)
    for fn, st in stats.items(): print(fn, dict(sorted(st.items(), key=lambda x: -x[1])))
    print(f"{len(errs)} errors")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main())
