"""Small PETRARCH-format dictionaries written for the tests (fictional actors of Middle-earth)."""
from pathlib import Path


VERBS = """\
# a comment line
####### SYNONYM SETS #######
&TIETYPES
+MILITARY
+ECONOMIC

&TREATY  # trailing comment
+TREATY
+PEACE_ACCORD
+&TIETYPES

####### VERB PATTERNS #######
--- CONDEMN  [111]  ---
CONDEMN
DENOUNCE {DENOUNCES DENOUNCED DENOUNCING}
- * ATTACK (BY $) [112]
- * (FOR {HUMAN RIGHTS}) [1121]

--- RESTORE  [---]  ---
RESTORE
- * {&TIETYPES TIES}  [050]
- % * &TREATY [057:057]

--- LEAVE  [---]  ---
LEAVE {LEFT LEAVES LEAVING}
- * (FOR +) [042:043]
- * (IN ^) (BEFORE COURT) [:173]

--- CORDON  [144]  ---
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}
WIRE_+TAP [170]

~ a (a b ATTACK) SAY = a b 015
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ACTORS = """\
<!-- VALIDATION ACTORS -->
ARNOR_  [ARN]
GONDOR [GON]
+MINAS_TIRITH
ROHAN [ROH]
GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
SAM_GAMGEE [HOB]
\t[ORCHOB 20100109-20100112]
\t[HOBMIL 20080120-20121109]
ONODOHER
\t[ONO <911226]
"""


AGENTS = """\
!PERSON! = MAN, WOMAN
PRESIDENT [~GOV]
POLICE {} [~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
HUMAN_RIGHTS_BODY  [NGO~]
CONGRESS!PERSON! [~LEG]
MILITARY_ARMY [~MIL]
"""


ONTOLOGY = """\
# a comment
050:0x0080#DiplomaticCoop
060:0x0070#MaterialCoop
111:0x1007f#0xFFFF+0x0080#Criticize
120:-0xFFFF#Reject
121:-0xFFFF+0x0070
"""


RULE_VERBS = VERBS + """
--- CELEBRATE  [051] ---
CELEBRATE
- * IFTAR (IN ^) +  [017]
- * EID AT ^ ^ +  [044]

--- WARN  [160] ---
WARN
- * THEIR ^ ABOUT +  [162]

--- SIGN  [057] ---
SIGN
- * ACCORD  [056]

--- PRESENT  [---] ---
PRESENT
- * EVIDENCE  [1124]

--- CLAIM  [---] ---
CLAIM
- * RESPONSIBILITY  [015]

--- DEMOLISH  [1712] ---
DEMOLISH
- PROTESTOR *  [145]
"""


P1_VERBS = """\
--- ADOPT [081] ---
ADOPT {ADOPTS ADOPTED ADOPTING}
- * RESOLUTION [102]
- RECENTLY_* [025]

--- CONDEMN [111] ---
CONDEMN {CONDEMNS CONDEMNED}

--- SAY [023] ---
SAY {SAYS SAID}
"""
