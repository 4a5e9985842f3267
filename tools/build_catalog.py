"""Build the shipped sample catalog, ``ce_tui/domain/catalog.json``, from the tables below.

Usage::

    python tools/build_catalog.py          # write ce_tui/domain/catalog.json
    python tools/build_catalog.py --check  # exit 1 if the file differs from the tables

Where the numbers come from:

* Course codes, titles, durations and CE credit values marked as published were
  stated on the course pages of the Fast Lane US catalogue (as of Sep-Oct 2024)
  or in public write-ups of Cisco's 2023 "Rev Up to Recert" promotion.
* Everything else is an estimate and says so (``credits_estimated`` /
  ``price_estimated``): CE values of courses whose pages give none follow the
  pattern of the published ones (5-day core 64, 5-day concentration 40, 3-day
  automation 24, 5-day foundation 30); Cisco Live sessions get one credit per
  started hour of session; webinars and exam authoring get small values.
* Every item has a price in Cisco Learning Credits (1 CLC = US$100). The only
  published ones are the Fast Lane ENCOR Master Series (50 CLC); Cisco U.
  subscriptions (Essentials 15 CLC, All Access 48 CLC a year, May 2023) are
  published too but are not CE items. All other prices are estimates by kind
  of item (see ``CLASS_PRICE_BY_DAYS`` and the constants after it), marked
  ``price_estimated`` and explained in each item's ``source``.
* No NIL prices or schedules are published: the NIL rows are sample data with
  the class estimates above and illustrative start dates.
* Cisco Live 2027 sessions, webinars and authoring items are illustrative
  examples of each kind of activity, not entries of a published catalog.

The output is deterministic, so ``--check`` can guard against hand edits.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "ce_tui" / "domain" / "catalog.json"

FORMAT = "ce-tui-catalog/1"

NOTE = (
    "Sample catalog of Cisco CE items. Credits with credits_estimated=false are "
    "published values: course CE credits as stated in the Fast Lane US catalogue "
    "(Sep-Oct 2024) and Cisco Rev Up to Recert learning paths (2023). Everything "
    "marked estimated is not a published figure: CE values of courses whose pages "
    "state none (from the pattern of published values), Cisco Live sessions (one "
    "credit per started hour), webinars and exam authoring. Prices are in Cisco "
    "Learning Credits (1 CLC = US$100). Published: the Fast Lane ENCOR Master "
    "Series (50 CLC); Cisco U. subscriptions, not CE items themselves, list at 15 "
    "CLC (Essentials) and 48 CLC (All Access) a year (May 2023). Every other price "
    "is an estimate (price_estimated=true) by kind of item: instructor-led or "
    "virtual classes by length (2-day 18, 3-day 27, 4-day 32, 5-day 40, the CCNA "
    "class 35), 180-day e-learning 8, Cisco U. learning paths 0 when offered free "
    "(the 2023 promotion) else 5, webinars 0 (free), exam authoring 0 (a volunteer "
    "program), Cisco Live technical seminars 10 (8-hour paid add-on), labs 2 and "
    "breakouts 1 (a per-session share of a conference pass). NIL session dates are "
    "illustrative; Cisco Live 2027 sessions, webinars and authoring items are "
    "illustrative examples. Hours of self-paced items are estimates. Cisco assigns "
    "CE credits per course version: check the CE Portal Item Catalog before "
    "planning on a value."
)

FL = "Fast Lane US catalogue"
FL_DATE = "Oct 2024"

TECH = (
    "Enterprise",
    "Security",
    "Data Center",
    "Collaboration",
    "Service Provider",
    "Automation/DevNet",
    "CyberOps",
    "Wireless",
)

# --- Cisco courses with a CE value published on their Fast Lane US page ------------------
# (code, title, technology, days, CE credits, page)
PUBLISHED_CLASSES: tuple[tuple[str, str, str, int, int, str], ...] = (
    (
        "CCNA",
        "Implementing and Administering Cisco Solutions",
        "Enterprise",
        5,
        30,
        "course/cisco-ccna",
    ),
    ("ENSLD", "Designing Cisco Enterprise Networks", "Enterprise", 5, 40, "course/cisco-ensld"),
    (
        "ENWLSD",
        "Designing Cisco Enterprise Wireless Network",
        "Wireless",
        5,
        40,
        "course/cisco-enwlsd",
    ),
    (
        "ENWLSI",
        "Implementing Cisco Enterprise Wireless Networks",
        "Wireless",
        5,
        40,
        "course/cisco-enwlsi",
    ),
    (
        "WLFNDU",
        "Understanding Cisco Wireless Foundations",
        "Wireless",
        5,
        30,
        "course/cisco-wlfndu",
    ),
    (
        "ENAUI",
        "Implementing Automation for Cisco Enterprise Solutions",
        "Enterprise",
        3,
        24,
        "course/cisco-enaui",
    ),
    ("SDWFND", "Cisco SDWAN Fundamentals", "Enterprise", 2, 16, "course/cisco-sdwfnd"),
    (
        "ENCC",
        "Designing and Implementing Cloud Connectivity",
        "Enterprise",
        4,
        32,
        "course/cisco-encc",
    ),
    (
        "ENNA",
        "Designing and Implementing Enterprise Network Assurance",
        "Enterprise",
        4,
        32,
        "course/cisco-enna",
    ),
    ("ECMS", "Engineering Cisco Meraki Solutions", "Enterprise", 4, 24, "course/cisco-ecms"),
    (
        "IP6FD",
        "Cisco IPv6 Fundamentals, Design & Deployment",
        "Enterprise",
        5,
        40,
        "course/cisco-ip6fd",
    ),
    (
        "SCOR",
        "Implementing and Operating Cisco Security Core Technologies",
        "Security",
        5,
        64,
        "course/cisco-scor",
    ),
    (
        "SISE",
        "Implementing and Configuring Cisco Identity Services Engine",
        "Security",
        5,
        40,
        "course/cisco-sise",
    ),
    (
        "SVPN",
        "Implementing Secure Solutions with Virtual Private Networks",
        "Security",
        5,
        40,
        "course/cisco-svpn",
    ),
    (
        "SESA",
        "Securing Email with Cisco Email Security Appliance",
        "Security",
        4,
        24,
        "course/cisco-sesa",
    ),
    (
        "SWSA",
        "Securing the Web with Cisco Web Security Appliance",
        "Security",
        2,
        16,
        "course/cisco-swsa",
    ),
    (
        "SAUI",
        "Implementing Automation for Cisco Security Solutions",
        "Security",
        3,
        24,
        "course/cisco-saui",
    ),
    (
        "SFWIPF",
        "Fundamentals of Cisco Firewall Threat Defense and Intrusion Prevention",
        "Security",
        5,
        40,
        "course/cisco-sfwipf",
    ),
    (
        "SFWIPA",
        "Advanced Techniques for Cisco Firewall Threat Defense and Intrusion Prevention",
        "Security",
        5,
        40,
        "course/cisco-sfwipa",
    ),
    (
        "CBRCOR",
        "Performing CyberOps Using Cisco Security Technologies",
        "CyberOps",
        5,
        40,
        "course/cisco-cbrcor",
    ),
    (
        "CBRTHD",
        "Conducting Threat Hunting and Defending using Cisco Technologies for CyberOps",
        "CyberOps",
        5,
        40,
        "course/cisco-cbrthd",
    ),
    (
        "DCCOR",
        "Implementing and Operating Cisco Data Center Core Technologies",
        "Data Center",
        5,
        64,
        "course/cisco-dccor",
    ),
    (
        "DCIT",
        "Troubleshooting Cisco Data Center Infrastructure",
        "Data Center",
        5,
        50,
        "course/cisco-dcit",
    ),
    (
        "DCID",
        "Designing Cisco Data Center Infrastructure",
        "Data Center",
        5,
        40,
        "course/cisco-dcid",
    ),
    (
        "DCACI",
        "Implementing Cisco Application Centric Infrastructure",
        "Data Center",
        5,
        40,
        "course/cisco-dcaci",
    ),
    (
        "DCACIA",
        "Implementing Cisco Application Centric Infrastructure - Advanced",
        "Data Center",
        5,
        40,
        "course/cisco-dcacia",
    ),
    (
        "DCNX",
        "Implementing Cisco NX-OS Switches and Fabrics in the Data Center",
        "Data Center",
        5,
        40,
        "course/cisco-dcnx",
    ),
    (
        "DCFNDU",
        "Understanding Cisco Data Center Foundations",
        "Data Center",
        5,
        30,
        "course/cisco-dcfndu",
    ),
    ("DCEIS", "Cisco Intersight Essentials", "Data Center", 3, 11, "course/cisco-dceis"),
    (
        "DCNDE",
        "Cisco Data Center Nexus Dashboard Essentials",
        "Data Center",
        5,
        26,
        "course/cisco-dcnde",
    ),
    ("DCNDA", "Cisco Nexus Dashboard Advanced", "Data Center", 3, 24, "course/cisco-dcnda"),
    (
        "CLCOR",
        "Implementing and Operating Cisco Collaboration Core Technologies",
        "Collaboration",
        5,
        64,
        "course/cisco-clcor",
    ),
    (
        "CLACCM",
        "Implementing Cisco Advanced Call Control and Mobility Services",
        "Collaboration",
        5,
        40,
        "course/cisco-claccm",
    ),
    (
        "CLCEI",
        "Implementing Cisco Collaboration Cloud and Edge Solutions",
        "Collaboration",
        5,
        40,
        "course/cisco-clcei",
    ),
    (
        "CLICA",
        "Implementing Cisco Collaboration Applications",
        "Collaboration",
        5,
        40,
        "course/cisco-clica",
    ),
    (
        "CLAUI",
        "Implementing Automation for Cisco Collaboration Solutions",
        "Collaboration",
        3,
        24,
        "course/cisco-claui",
    ),
    (
        "SPCOR",
        "Implementing and Operating Cisco Service Provider Network Core Technologies",
        "Service Provider",
        5,
        64,
        "course/cisco-spcor",
    ),
    (
        "SPRI",
        "Implementing Cisco Service Provider Advanced Routing Solutions",
        "Service Provider",
        5,
        40,
        "course/cisco-spri",
    ),
    (
        "SPAUI",
        "Implementing Automation for Cisco Service Provider Solutions",
        "Service Provider",
        3,
        24,
        "course/cisco-spaui",
    ),
    (
        "SPFNDU",
        "Understanding Cisco Service Provider Network Foundations",
        "Service Provider",
        5,
        30,
        "course/cisco-spfndu",
    ),
    (
        "SPCNI",
        "Designing and Implementing Cisco Service Provider Cloud Network Infrastructure",
        "Service Provider",
        5,
        40,
        "course/cisco-spcni",
    ),
    (
        "IOSXRE",
        "Fundamentals of Cisco IOS XR Software",
        "Service Provider",
        4,
        24,
        "course/cisco-iosxre",
    ),
    (
        "XRVPNS",
        "Leveraging Cisco IOS XR VPN Services",
        "Service Provider",
        3,
        24,
        "course/cisco-xrvpns",
    ),
    (
        "NSO303",
        "Cisco NSO Administration and DevOps",
        "Automation/DevNet",
        4,
        32,
        "course/cisco-nso303",
    ),
    (
        "DEVCOR",
        "Developing Applications Using Cisco Platforms and APIs",
        "Automation/DevNet",
        5,
        64,
        "course/cisco-devcor",
    ),
    (
        "DEVASC",
        "Developing Applications and Automating Workflows using Cisco Core Platforms",
        "Automation/DevNet",
        5,
        48,
        "course/cisco-devasc",
    ),
    (
        "CSAU",
        "Introducing Automation for Cisco Solutions",
        "Automation/DevNet",
        3,
        16,
        "course/cisco-csau",
    ),
)

# Self-paced Cisco e-learning with a published CE value (Fast Lane product pages).
# (code, title, technology, estimated hours, CE credits, page)
PUBLISHED_ELEARNING: tuple[tuple[str, str, str, int, int, str], ...] = (
    ("C2C", "Cisco DoD Comply-to-Connect", "Security", 32, 32, "product/cisco-c2c"),
    (
        "CLWXCALL",
        "The Essentials of Webex Calling",
        "Collaboration",
        18,
        18,
        "product/cisco-clwxcall",
    ),
)

# Courses developed by NterOne, listed with a CE value in the Fast Lane US catalogue.
# (code, title, technology, days, CE credits, page)
NTERONE_CLASSES: tuple[tuple[str, str, str, int, int, str], ...] = (
    (
        "SDWSEC",
        "Cisco SD-WAN Advanced Policy and Security",
        "Enterprise",
        3,
        24,
        "course/nterone-sdwsec",
    ),
    ("DNASPA", "Administering Cisco DNA Spaces", "Wireless", 3, 18, "course/nterone-dnaspa"),
)

# Cisco courses listed without a CE value: estimated from the pattern of published values.
# (code, title, technology, days, estimated CE credits, page)
ESTIMATED_CLASSES: tuple[tuple[str, str, str, int, int, str], ...] = (
    (
        "ENARSI",
        "Implementing Cisco Enterprise Advanced Routing and Services",
        "Enterprise",
        5,
        40,
        "course/cisco-enarsi",
    ),
    ("ENSDWI", "Implementing Cisco SD-WAN Solutions", "Enterprise", 5, 40, "course/cisco-ensdwi"),
    (
        "SDWSCS",
        "Implementing Cisco SD-WAN Security and Cloud Solutions",
        "Enterprise",
        3,
        24,
        "course/cisco-sdwscs",
    ),
    (
        "ENTEIT",
        "Implementing and Troubleshooting Networks Using Cisco ThousandEyes",
        "Enterprise",
        3,
        24,
        "course/cisco-enteit",
    ),
    (
        "SPVI",
        "Implementing Cisco Service Provider VPN Services",
        "Service Provider",
        5,
        40,
        "course/cisco-spvi",
    ),
    (
        "DCAUI",
        "Implementing Automation for Cisco Data Center Solutions",
        "Data Center",
        5,
        40,
        "course/cisco-dcaui",
    ),
    (
        "DCMDS-DW",
        "Configuring Cisco MDS 9000 Series Switches",
        "Data Center",
        4,
        24,
        "course/cisco-dcmds-dw",
    ),
    (
        "CBROPS",
        "Understanding Cisco Cybersecurity Operations Fundamentals",
        "CyberOps",
        5,
        30,
        "course/cisco-cbrops",
    ),
    (
        "SCAZT",
        "Designing and Implementing Secure Cloud Access for Users and Endpoints",
        "Security",
        5,
        40,
        "course/cisco-scazt",
    ),
    (
        "DEVOPS",
        "Implementing DevOps Solutions and Practices using Cisco Platforms",
        "Automation/DevNet",
        5,
        40,
        "course/cisco-devops",
    ),
    (
        "CLFNDU",
        "Understanding Cisco Collaboration Foundations",
        "Collaboration",
        5,
        30,
        "course/cisco-clfndu",
    ),
)

REV_UP = "Cisco Rev Up to Recert promotion, 2023"
PG = "quoted on petergilani.github.io"

# Cisco U. / Cisco Learning Network learning paths.
# (id, code, title, technology, hours, credits, estimated credits, offered free, format, source)
# "Offered free": the facts say the path was free (the 2023 Rev Up promotion).
LEARNING_PATHS: tuple[tuple[str, str, str, str, int, int, bool, bool, str, str], ...] = (
    (
        "CU-DEVNAE",
        "DEVNAE",
        "Understanding Cisco Network Automation Essentials",
        "Automation/DevNet",
        30,
        16,
        False,
        True,
        "self-paced path: videos, reading, labs",
        f"{REV_UP} ({PG}, May and Jul 2023; u.cisco.com/path/3)",
    ),
    (
        "CU-ENTEIT",
        "ENTEIT",
        "Implementing and Troubleshooting Networks Using Cisco ThousandEyes (ENTEIT 1.0)",
        "Enterprise",
        18,
        24,
        False,
        True,
        "self-paced path with labs",
        f"{REV_UP}, bonus path ({PG}, Jul 2023; u.cisco.com/path/104)",
    ),
    (
        "CU-SCNA",
        "",
        "Secure Cloud and Network Analytics",
        "Security",
        17,
        16,
        False,
        True,
        "self-paced learning plan",
        f"{REV_UP}, bonus plan ({PG}, Jul 2023)",
    ),
    (
        "CU-CBROPS",
        "CBROPS",
        "Understanding Cisco Cybersecurity Operations Fundamentals",
        "CyberOps",
        30,
        30,
        False,
        True,
        "self-paced path with labs",
        "Free-Certifications list (github.com/cloudcommunity), Cisco U. path 32, 2023",
    ),
    (
        "CU-REVUP-PYTHON",
        "",
        "Rev Up to Recert: Python",
        "Automation/DevNet",
        15,
        15,
        True,
        True,
        "self-paced learning plan",
        f"Inferred, not published: {REV_UP} round before DEVNAE, 1 credit less ({PG}, May 2023)",
    ),
)

# --- NIL: sample instructor-led deliveries ---------------------------------------------
# (course code, "ilt" or "vilt", session start dates)
NIL_DELIVERIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("CCNA", "ilt", ("2027-01-11", "2027-04-12", "2027-09-13")),
    ("CCNA", "vilt", ("2026-12-07", "2027-02-15", "2027-05-10", "2027-10-04")),
    ("ENCOR", "vilt", ("2027-01-18", "2027-03-15", "2027-06-14", "2027-11-08")),
    ("ENARSI", "vilt", ("2027-02-22", "2027-07-12")),
    ("ENAUI", "vilt", ("2027-03-01", "2027-09-20")),
    ("SDWFND", "vilt", ("2027-04-19",)),
    ("ENWLSI", "vilt", ("2027-05-17", "2027-10-18")),
    ("SCOR", "ilt", ("2027-02-01", "2027-08-16")),
    ("SCOR", "vilt", ("2026-12-14", "2027-03-22", "2027-06-21", "2027-11-15")),
    ("SISE", "ilt", ("2027-04-26", "2027-10-11")),
    ("CBRCOR", "vilt", ("2027-03-08", "2027-09-27")),
    ("DCCOR", "vilt", ("2027-01-25", "2027-05-24", "2027-10-25")),
    ("DCACI", "ilt", ("2027-06-07",)),
    ("CLCOR", "vilt", ("2027-02-08", "2027-08-23")),
    ("SPCOR", "vilt", ("2027-03-29", "2027-11-29")),
    ("SPRI", "ilt", ("2027-05-03",)),
    ("DEVASC", "vilt", ("2026-12-07", "2027-04-05", "2027-09-06")),
    ("DEVCOR", "vilt", ("2027-06-28", "2027-12-06")),
)

# --- Prices in CLC (1 CLC = US$100): estimates, except where a price is published ---------
CLASS_PRICE_BY_DAYS = {2: 18, 3: 27, 4: 32, 5: 40}
"""Estimated list price of an instructor-led or virtual class by its length in days."""

CLASS_PRICE_OVERRIDES = {"CCNA": 35}
"""The CCNA class usually lists below the professional 5-day courses."""

ELEARNING_PRICE = 8
"""Estimated price of 180-day self-paced e-learning."""

LEARNING_PATH_PRICE = 5
"""Estimated price of a Cisco U. learning path not offered free (a share of a subscription)."""

WEBINAR_PRICE = 0
"""Cisco U. webinars are free (the Free plan)."""

AUTHORING_PRICE = 0
"""Authoring exam content is a volunteer program: it costs nothing."""

CISCO_LIVE_PRICE = {"TEC": 10, "LTR": 2, "BRK": 1}
"""Estimated price of a Cisco Live session: a technical seminar is a paid 8-hour add-on;
a lab or a breakout is a per-session share of a conference pass."""

ESTIMATED_PRICE = "price estimated"
"""Begins the price part of the source of every item whose price is an estimate."""


def class_price(code: str, days: int) -> int:
    """The estimated CLC price of a class of `code` lasting `days` days."""
    return CLASS_PRICE_OVERRIDES.get(code, CLASS_PRICE_BY_DAYS[days])


def class_price_note(code: str, days: int) -> str:
    """How the price of a class was estimated."""
    if code in CLASS_PRICE_OVERRIDES:
        return f"{ESTIMATED_PRICE} ({code} class {class_price(code, days)} CLC)"
    return f"{ESTIMATED_PRICE} ({days}-day class {class_price(code, days)} CLC)"


ELEARNING_NOTE = f"{ESTIMATED_PRICE} (180-day e-learning {ELEARNING_PRICE} CLC)"

FREE_PATH_NOTE = (
    f"{ESTIMATED_PRICE} (0 CLC: offered free in the promotion, which has ended; "
    "otherwise a Cisco U. subscription)"
)

PAID_PATH_NOTE = f"{ESTIMATED_PRICE} (Cisco U. learning path {LEARNING_PATH_PRICE} CLC)"

CL_PRICE_NOTE = {
    "TEC": f"{ESTIMATED_PRICE} ({CISCO_LIVE_PRICE['TEC']} CLC: paid 8-hour add-on)",
    "LTR": f"{ESTIMATED_PRICE} ({CISCO_LIVE_PRICE['LTR']} CLC: share of a conference pass)",
    "BRK": f"{ESTIMATED_PRICE} ({CISCO_LIVE_PRICE['BRK']} CLC: share of a conference pass)",
}

# ENCOR appears only through the NIL delivery and the Fast Lane bundle; its Cisco row is here.
ENCOR = (
    "ENCOR",
    "Implementing and Operating Cisco Enterprise Network Core Technologies",
    "Enterprise",
    5,
    64,
    "course/cisco-encor",
)

# --- Cisco Live Las Vegas 2027: illustrative sessions ------------------------------------
# (session code, title, technology, minutes)
CISCO_LIVE: tuple[tuple[str, str, str, int], ...] = (
    (
        "TECENS-2001",
        "Enterprise campus fabric: design, deployment and operations",
        "Enterprise",
        480,
    ),
    (
        "TECSEC-2002",
        "Zero trust in practice: identity, segmentation and secure access",
        "Security",
        480,
    ),
    (
        "TECDCN-2003",
        "VXLAN EVPN data center fabrics from design to day-2 operations",
        "Data Center",
        480,
    ),
    (
        "TECSPG-2004",
        "Segment routing and SRv6 for service provider networks",
        "Service Provider",
        480,
    ),
    (
        "LTRAUT-2005",
        "Network automation with Python, RESTCONF and Ansible",
        "Automation/DevNet",
        240,
    ),
    ("LTRCOL-2006", "Deploying cloud calling: a hands-on lab", "Collaboration", 240),
    ("LTRSEC-2007", "Threat hunting and incident response in the SOC", "CyberOps", 240),
    ("LTREWN-2008", "Troubleshooting enterprise wireless controllers", "Wireless", 240),
    ("BRKENS-2001", "Troubleshooting SD-WAN overlays", "Enterprise", 90),
    ("BRKEWN-2010", "Designing Wi-Fi 7 networks", "Wireless", 90),
    ("BRKSEC-2020", "Firewall threat defense: deployment best practices", "Security", 60),
    ("BRKCOL-2030", "Moving on-premises calling to the cloud", "Collaboration", 60),
    ("BRKDEV-2040", "CI/CD pipelines for network configuration", "Automation/DevNet", 60),
    ("BRKSPG-2050", "IOS XR programmability and model-driven telemetry", "Service Provider", 90),
    ("BRKDCN-2060", "Operating data center fabrics with Nexus Dashboard", "Data Center", 60),
    ("BRKSEC-2070", "From alert to incident: SOC workflows that scale", "CyberOps", 90),
)

CL_KIND = {"TEC": "technical seminar", "LTR": "instructor-led lab", "BRK": "breakout"}

CL_DAY = {"TEC": "2027-06-06", "LTR": "2027-06-07", "BRK": "2027-06-08"}
"""Estimated event days: Cisco Live US runs in early June; seminars come first."""

# --- Webinars: illustrative Cisco U. sessions --------------------------------------------
# (id, title, technology, minutes)
WEBINARS: tuple[tuple[str, str, str, int], ...] = (
    ("CU-WEB-ENT-AIOPS", "AI-assisted network operations", "Enterprise", 60),
    ("CU-WEB-SEC-SASE", "Secure access service edge explained", "Security", 60),
    ("CU-WEB-DC-AI", "Data center networking for AI workloads", "Data Center", 120),
    ("CU-WEB-COL-HYBRID", "Collaboration for hybrid work", "Collaboration", 60),
    ("CU-WEB-SP-OPTICAL", "Routed optical networking basics", "Service Provider", 60),
    ("CU-WEB-DEV-START", "Getting started with network automation", "Automation/DevNet", 120),
    ("CU-WEB-CYB-SOC", "Inside a security operations center", "CyberOps", 60),
    ("CU-WEB-WLS-WIFI7", "Wi-Fi 7 essentials", "Wireless", 60),
)

# --- Exam content authoring (Cisco SME program): illustrative ------------------------------
# (id, title, technology, hours, estimated credits, format)
AUTHORING: tuple[tuple[str, str, str, int, int, str], ...] = (
    (
        "AUTH-ENT-ITEMS",
        "Exam item writing: CCNP Enterprise",
        "Enterprise",
        8,
        4,
        "remote item-writing workshop",
    ),
    (
        "AUTH-SEC-REVIEW",
        "Exam technical review: CCNP Security",
        "Security",
        4,
        2,
        "remote technical review",
    ),
    (
        "AUTH-DC-ITEMS",
        "Exam item writing: CCNP Data Center",
        "Data Center",
        8,
        4,
        "remote item-writing workshop",
    ),
    (
        "AUTH-DEV-REVIEW",
        "Exam technical review: Cisco automation exams",
        "Automation/DevNet",
        4,
        2,
        "remote technical review",
    ),
    (
        "AUTH-CYB-ITEMS",
        "Exam item writing: CyberOps Professional",
        "CyberOps",
        8,
        4,
        "remote item-writing workshop",
    ),
)


def _activity(
    *,
    id: str,
    code: str,
    title: str,
    provider: str,
    type: str,
    technology: str,
    credits: int,
    credits_estimated: bool,
    format: str,
    hours: float,
    source: str,
    price_clc: int,
    price_estimated: bool,
    sessions: tuple[str, ...] = (),
) -> dict[str, Any]:
    """One activity as a JSON object, every field written out, in the model's order.

    Every item has a price; `price_estimated` is False only for a published one.
    """
    if technology not in TECH:
        raise ValueError(f"{id}: unknown technology {technology!r}")
    for day in sessions:
        date.fromisoformat(day)
    return {
        "id": id,
        "code": code,
        "title": title,
        "provider": provider,
        "type": type,
        "technology": technology,
        "credits": credits,
        "credits_estimated": credits_estimated,
        "format": format,
        "hours": hours,
        "price_clc": price_clc,
        "price_estimated": price_estimated,
        "sessions": list(sessions),
        "source": source,
    }


def _class_format(days: int) -> str:
    """The format of a scheduled Cisco class whose listing does not say classroom or virtual."""
    return f"{days}-day class, classroom or virtual"


def build() -> dict[str, Any]:
    """The whole catalog document."""
    rows: list[dict[str, Any]] = []
    courses: dict[str, tuple[str, str, str, int, int, str]] = {}
    estimated_codes: set[str] = set()

    for code, title, tech, days, credits, page in PUBLISHED_CLASSES:
        courses[code] = (code, title, tech, days, credits, page)
        rows.append(
            _activity(
                id=f"CSCO-{code}",
                code=code,
                title=title,
                provider="Cisco",
                type="ilt",
                technology=tech,
                credits=credits,
                credits_estimated=False,
                format=_class_format(days),
                hours=8 * days,
                price_clc=class_price(code, days),
                price_estimated=True,
                source=f"{FL} (fastlaneus.com/{page}), {FL_DATE}; {class_price_note(code, days)}",
            )
        )

    code, title, tech, days, credits, page = ENCOR
    courses[code] = ENCOR
    estimated_codes.add(code)
    rows.append(
        _activity(
            id="CSCO-ENCOR",
            code=code,
            title=title,
            provider="Cisco",
            type="ilt",
            technology=tech,
            credits=credits,
            credits_estimated=True,
            format="5-day class + 3 days self-study, classroom or virtual",
            hours=64,
            price_clc=class_price(code, days),
            price_estimated=True,
            source=(
                f"Estimate (as other 5-day core courses); no CE value on "
                f"fastlaneus.com/{page}, {FL_DATE}; {class_price_note(code, days)}"
            ),
        )
    )

    for code, title, tech, days, credits, page in ESTIMATED_CLASSES:
        courses[code] = (code, title, tech, days, credits, page)
        estimated_codes.add(code)
        rows.append(
            _activity(
                id=f"CSCO-{code}",
                code=code,
                title=title,
                provider="Cisco",
                type="ilt",
                technology=tech,
                credits=credits,
                credits_estimated=True,
                format=_class_format(days),
                hours=8 * days,
                price_clc=class_price(code, days),
                price_estimated=True,
                source=(
                    f"Estimate (pattern of published values); no CE value on "
                    f"fastlaneus.com/{page}, {FL_DATE}; {class_price_note(code, days)}"
                ),
            )
        )

    for code, title, tech, hours, credits, page in PUBLISHED_ELEARNING:
        rows.append(
            _activity(
                id=f"CSCO-{code}",
                code=code,
                title=title,
                provider="Cisco",
                type="elearning",
                technology=tech,
                credits=credits,
                credits_estimated=False,
                format="self-paced with labs, 180-day access",
                hours=hours,
                price_clc=ELEARNING_PRICE,
                price_estimated=True,
                source=f"{FL} (fastlaneus.com/{page}), {FL_DATE}; {ELEARNING_NOTE}",
            )
        )
    rows.append(
        _activity(
            id="CSCO-CBRFIR",
            code="CBRFIR",
            title=(
                "Conducting Forensic Analysis and Incident Response Using Cisco "
                "Technologies for CyberOps"
            ),
            provider="Cisco",
            type="elearning",
            technology="CyberOps",
            credits=40,
            credits_estimated=True,
            format="self-paced with labs, 180-day access",
            hours=40,
            price_clc=ELEARNING_PRICE,
            price_estimated=True,
            source=(
                "Estimate (as other CyberOps concentration courses); no CE value on "
                f"fastlaneus.com/product/cisco-cbrfir, {FL_DATE}; {ELEARNING_NOTE}"
            ),
        )
    )

    for code, title, tech, days, credits, page in NTERONE_CLASSES:
        rows.append(
            _activity(
                id=f"NTO-{code}",
                code=code,
                title=title,
                provider="NterOne",
                type="ilt",
                technology=tech,
                credits=credits,
                credits_estimated=False,
                format=f"{days}-day class",
                hours=8 * days,
                price_clc=class_price(code, days),
                price_estimated=True,
                source=f"{FL} (fastlaneus.com/{page}), {FL_DATE}; {class_price_note(code, days)}",
            )
        )

    rows.append(
        _activity(
            id="FL-ENCOR-B",
            code="ENCOR-B",
            title=(
                "Cisco Enterprise Network Core Technologies (ENCOR) Master Series: "
                "virtual classes, Cisco U. path and exam voucher"
            ),
            provider="Fast Lane",
            type="vilt",
            technology="Enterprise",
            credits=64,
            credits_estimated=True,
            format="5 weekly 8-hour virtual sessions + 6-month self-paced access",
            hours=40,
            price_clc=50,
            price_estimated=False,
            source=(
                f"{FL} (fastlaneus.com/course/cisco-encor-b), {FL_DATE}: 50 CLC "
                "(published price); CE value not published (estimate as ENCOR)"
            ),
        )
    )

    for (
        ident,
        code,
        title,
        tech,
        hours,
        credits,
        estimated,
        free,
        fmt,
        source,
    ) in LEARNING_PATHS:
        price = 0 if free else LEARNING_PATH_PRICE
        rows.append(
            _activity(
                id=ident,
                code=code,
                title=title,
                provider="Cisco U.",
                type="learning-path",
                technology=tech,
                credits=credits,
                credits_estimated=estimated,
                format=fmt,
                hours=hours,
                price_clc=price,
                price_estimated=True,
                source=f"{source}; {FREE_PATH_NOTE if free else PAID_PATH_NOTE}",
            )
        )

    for code, kind, sessions in NIL_DELIVERIES:
        _, title, tech, days, credits, page = courses[code]
        price = class_price(code, days)
        where = "virtual class" if kind == "vilt" else "class, classroom"
        if code in estimated_codes:
            credit_source = "CE value estimated (see CSCO-" + code + ")"
        else:
            credit_source = f"CE value: {FL} (fastlaneus.com/{page}), {FL_DATE}"
        rows.append(
            _activity(
                id=f"NIL-{code}-{kind.upper()}",
                code=code,
                title=title,
                provider="NIL",
                type=kind,
                technology=tech,
                credits=credits,
                credits_estimated=code in estimated_codes,
                format=f"{days}-day {where}",
                hours=8 * days if code != "ENCOR" else 40,
                price_clc=price,
                price_estimated=True,
                sessions=sessions,
                source=(
                    f"{credit_source}; {class_price_note(code, days)}; NIL dates are illustrative"
                ),
            )
        )

    for session, title, tech, minutes in CISCO_LIVE:
        kind = CL_KIND[session[:3]]
        length = f"{minutes // 60}-hour" if minutes % 60 == 0 else f"{minutes}-min"
        rows.append(
            _activity(
                id=f"CL27-{session}",
                code=session,
                title=f"Cisco Live Las Vegas 2027 {kind}: {title}",
                provider="Cisco Live",
                type="cisco-live",
                technology=tech,
                credits=math.ceil(minutes / 60),
                credits_estimated=True,
                format=f"{length} {kind}",
                hours=round(minutes / 60, 2) if minutes % 60 else minutes // 60,
                price_clc=CISCO_LIVE_PRICE[session[:3]],
                price_estimated=True,
                sessions=(CL_DAY[session[:3]],),
                source=(
                    "Illustrative session; Cisco Live technical sessions qualify but no "
                    "per-session value is published (estimate: 1 credit per started hour; "
                    f"event date estimated); {CL_PRICE_NOTE[session[:3]]}"
                ),
            )
        )

    for ident, title, tech, minutes in WEBINARS:
        rows.append(
            _activity(
                id=ident,
                code="",
                title=f"Cisco U. webinar: {title}",
                provider="Cisco U.",
                type="webinar",
                technology=tech,
                credits=math.ceil(minutes / 60),
                credits_estimated=True,
                format=f"{minutes}-min webinar, on demand",
                hours=minutes // 60,
                price_clc=WEBINAR_PRICE,
                price_estimated=True,
                source=(
                    "Illustrative; the Cisco U. Free plan offers CE-bearing webinars but no "
                    f"per-webinar value is published (estimate); {ESTIMATED_PRICE} "
                    f"({WEBINAR_PRICE} CLC: free plan)"
                ),
            )
        )

    for ident, title, tech, hours, credits, fmt in AUTHORING:
        rows.append(
            _activity(
                id=ident,
                code="",
                title=title,
                provider="Cisco Certifications",
                type="authoring",
                technology=tech,
                credits=credits,
                credits_estimated=True,
                format=f"{fmt} (Cisco SME program)",
                hours=hours,
                price_clc=AUTHORING_PRICE,
                price_estimated=True,
                source=(
                    "Illustrative; authoring exam content is a Cisco CE route with no "
                    f"published per-item value (estimate, kept low); {ESTIMATED_PRICE} "
                    f"({AUTHORING_PRICE} CLC: volunteer program)"
                ),
            )
        )

    ids = [row["id"] for row in rows]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate ids: {duplicates}")
    return {"format": FORMAT, "note": NOTE, "activities": rows}


def render() -> str:
    """The catalog document as the text of catalog.json."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write catalog.json, or with --check report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUT.read_text("utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.name} is out of date: run tools/build_catalog.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    print(f"wrote {len(json.loads(text)['activities'])} activities to {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
