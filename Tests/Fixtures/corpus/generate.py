#!/usr/bin/env python3
"""Writes the drift corpus: one folder per case with the source file as a customer would send it,
the plan it runs under and the export a careful human expects.

Every expected value is written here by hand, next to the raw value it comes from; nothing is computed
by the engine. Run `python3 generate.py` after editing; the test suite (CorpusTests) reads the folders.
"""
import csv
import io
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE_ID = "00000000-0000-4000-8000-000000000001"
COLUMNS = [
    {"key": "email", "type": "email", "required": True, "unique": True},
    {"key": "first_name", "label": "First name", "type": "string"},
    {"key": "last_name", "label": "Last name", "type": "string"},
    {"key": "phone", "type": "phone"},
    {"key": "signed_up", "type": "date"},
    {"key": "amount", "type": "decimal"},
    {"key": "active", "type": "boolean"},
    {"key": "tier", "type": "enum", "values": ["customer", "partner", "prospect"]},
]
KEYS = [c["key"] for c in COLUMNS]
# The plan was authored against a clean export with these headers.
BASE_MAPPING = {
    "email": "Email", "first_name": "First Name", "last_name": "Last Name", "phone": "Phone",
    "signed_up": "Signed Up", "amount": "Amount", "active": "Active", "tier": "Tier",
}


def case(name, headers, rows, expected, *, mapping=None, formats=None, value_maps=None, country="US",
         review="gate", encoding="utf-8", delimiter=",", preamble="", status="completed", heals=(),
         invalid_after=0, bom=False, trailer="", line_end="\n"):
    """rows: raw source records; expected: per record the canonical values by template key (None: the
    row is left out of the valid export)."""
    assert len(rows) == len(expected), name
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(row)
    text = preamble + buffer.getvalue() + trailer
    data = text.encode(encoding)
    if bom and encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(folder, "input.csv"), "wb") as f:
        f.write(data)
    sheet = {"key": "contacts", "template_id": TEMPLATE_ID, "mapping": BASE_MAPPING if mapping is None else mapping}
    if formats:
        sheet["formats"] = formats
    if value_maps:
        sheet["value_maps"] = value_maps
    spec = {
        "plan": {"name": name, "sheets": [sheet], "review": review, "default_country": country},
        "expect": {"status": status, "heals": list(heals), "invalid_rows_after": invalid_after},
    }
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump(spec, f, indent=2, ensure_ascii=False)
        f.write("\n")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(KEYS)
    for values in expected:
        if values is not None:
            w.writerow([values.get(k, "") for k in KEYS])
    with open(os.path.join(folder, "expected.csv"), "w") as f:
        f.write(out.getvalue())


def person(email, first="", last="", phone="", signed_up="", amount="", active="", tier=""):
    return {"email": email, "first_name": first, "last_name": last, "phone": phone, "signed_up": signed_up,
            "amount": amount, "active": active, "tier": tier}


CLEAN_HEADERS = ["Email", "First Name", "Last Name", "Phone", "Signed Up", "Amount", "Active", "Tier"]


def main():
    for entry in os.listdir(HERE):
        if os.path.isdir(os.path.join(HERE, entry)):
            shutil.rmtree(os.path.join(HERE, entry))

    case("clean", CLEAN_HEADERS, [
        ["ada@example.com", "Ada", "Lovelace", "+14155550100", "2024-01-15", "120.50", "true", "customer"],
        ["alan@example.com", "Alan", "Turing", "+14155550101", "2023-11-02", "80", "false", "partner"],
    ], [
        person("ada@example.com", "Ada", "Lovelace", "+14155550100", "2024-01-15", "120.50", "true", "customer"),
        person("alan@example.com", "Alan", "Turing", "+14155550101", "2023-11-02", "80", "false", "partner"),
    ])

    case("renamed_headers", ["E-mail Address", "Given Name", "Surname", "Mobile", "Signed Up", "Amount", "Active", "Tier"], [
        ["ada@example.com", "Ada", "Lovelace", "+14155550100", "2024-01-15", "1", "true", "customer"],
        ["grace@example.com", "Grace", "Hopper", "+14155550102", "2024-02-01", "2", "true", "prospect"],
    ], [
        person("ada@example.com", "Ada", "Lovelace", "+14155550100", "2024-01-15", "1", "true", "customer"),
        person("grace@example.com", "Grace", "Hopper", "+14155550102", "2024-02-01", "2", "true", "prospect"),
    ], heals=["renamed_header"])

    case("reordered_extra_columns", ["Tier", "Internal ID", "Last Name", "Email", "Notes", "First Name", "Active", "Amount", "Signed Up", "Phone"], [
        ["partner", "X-1", "Lovelace", "ada@example.com", "met at expo", "Ada", "false", "3.25", "2024-03-01", "+14155550100"],
        ["customer", "X-2", "Turing", "alan@example.com", "", "Alan", "true", "4", "2024-03-02", "+14155550101"],
    ], [
        person("ada@example.com", "Ada", "Lovelace", "+14155550100", "2024-03-01", "3.25", "false", "partner"),
        person("alan@example.com", "Alan", "Turing", "+14155550101", "2024-03-02", "4", "true", "customer"),
    ], heals=["reordered_columns", "extra_column"])

    case("preamble_lines", CLEAN_HEADERS, [
        ["ada@example.com", "Ada", "Lovelace", "", "2024-01-15", "", "", ""],
        ["linus@example.com", "Linus", "T", "", "2024-01-16", "", "", ""],
    ], [
        person("ada@example.com", "Ada", "Lovelace", signed_up="2024-01-15"),
        person("linus@example.com", "Linus", "T", signed_up="2024-01-16"),
    ], preamble="Contacts export\nGenerated 2024-05-01 by CRM v9\n\n", heals=["header_row"])

    case("us_dates", CLEAN_HEADERS, [
        ["a@example.com", "", "", "", "03/04/2024", "", "", ""],
        ["b@example.com", "", "", "", "12/25/2023", "", "", ""],
        ["c@example.com", "", "", "", "1/2/2024", "", "", ""],
    ], [
        person("a@example.com", signed_up="2024-03-04"),
        person("b@example.com", signed_up="2023-12-25"),
        person("c@example.com", signed_up="2024-01-02"),
    ], heals=["date_format"])

    case("eu_dotted_dates", CLEAN_HEADERS, [
        ["a@example.com", "", "", "", "03.04.2024", "", "", ""],
        ["b@example.com", "", "", "", "25.12.2023", "", "", ""],
        ["c@example.com", "", "", "", "1.2.2024", "", "", ""],
    ], [
        person("a@example.com", signed_up="2024-04-03"),
        person("b@example.com", signed_up="2023-12-25"),
        person("c@example.com", signed_up="2024-02-01"),
    ], heals=["date_format"])

    case("textual_and_serial_dates", CLEAN_HEADERS, [
        ["a@example.com", "", "", "", "5 Mar 2024", "", "", ""],
        ["b@example.com", "", "", "", "March 6, 2024", "", "", ""],
        ["c@example.com", "", "", "", "07-Mar-24", "", "", ""],
        ["d@example.com", "", "", "", "45359", "", "", ""],
        ["e@example.com", "", "", "", "2024-03-09T14:30:00Z", "", "", ""],
    ], [
        person("a@example.com", signed_up="2024-03-05"),
        person("b@example.com", signed_up="2024-03-06"),
        person("c@example.com", signed_up="2024-03-07"),
        person("d@example.com", signed_up="2024-03-08"),
        person("e@example.com", signed_up="2024-03-09"),
    ], heals=["date_format"])

    # Nothing decides day/month: a careful human asks. The plan's country (US) proposes month first.
    case("ambiguous_dates", CLEAN_HEADERS, [
        ["a@example.com", "", "", "", "03/04/2024", "", "", ""],
        ["b@example.com", "", "", "", "05/06/2024", "", "", ""],
        ["c@example.com", "", "", "", "2024-01-31", "", "", ""],
    ], [
        person("a@example.com", signed_up="2024-03-04"),
        person("b@example.com", signed_up="2024-05-06"),
        person("c@example.com", signed_up="2024-01-31"),
    ], status="needs_attention")

    case("decimal_comma_semicolon", CLEAN_HEADERS, [
        ["a@example.com", "", "", "", "", "1.234,56 €", "", ""],
        ["b@example.com", "", "", "", "", "12,5", "", ""],
        ["c@example.com", "", "", "", "", "3.000", "", ""],
    ], [
        person("a@example.com", amount="1234.56"),
        person("b@example.com", amount="12.5"),
        person("c@example.com", amount="3000"),
    ], delimiter=";", country="DE", heals=["delimiter", "number_format"])

    case("currency_numbers", CLEAN_HEADERS, [
        ["a@example.com", "", "", "", "", "$1,234.50", "", ""],
        ["b@example.com", "", "", "", "", "(12.00)", "", ""],
        ["c@example.com", "", "", "", "", "15%", "", ""],
        ["d@example.com", "", "", "", "", "USD 2,000", "", ""],
    ], [
        person("a@example.com", amount="1234.50"),
        person("b@example.com", amount="-12.00"),
        person("c@example.com", amount="0.15"),
        person("d@example.com", amount="2000"),
    ], heals=["number_format"])

    case("phone_variants", CLEAN_HEADERS, [
        ["a@example.com", "", "", "(415) 555-0100", "", "", "", ""],
        ["b@example.com", "", "", "415.555.0101", "", "", "", ""],
        ["c@example.com", "", "", "1-415-555-0102", "", "", "", ""],
        ["d@example.com", "", "", "+44 20 7946 0958", "", "", "", ""],
        ["e@example.com", "", "", "0044 20 7946 0959", "", "", "", ""],
    ], [
        person("a@example.com", phone="+14155550100"),
        person("b@example.com", phone="+14155550101"),
        person("c@example.com", phone="+14155550102"),
        person("d@example.com", phone="+442079460958"),
        person("e@example.com", phone="+442079460959"),
    ], heals=["phone_format"])

    case("boolean_variants", CLEAN_HEADERS, [
        ["a@example.com", "", "", "", "", "", "Yes", ""],
        ["b@example.com", "", "", "", "", "", "n", ""],
        ["c@example.com", "", "", "", "", "", "1", ""],
        ["d@example.com", "", "", "", "", "", "FALSE", ""],
        ["e@example.com", "", "", "", "", "", "x", ""],
    ], [
        person("a@example.com", active="true"),
        person("b@example.com", active="false"),
        person("c@example.com", active="true"),
        person("d@example.com", active="false"),
        person("e@example.com", active="true"),
    ], heals=["boolean_format"])

    case("windows_1252", CLEAN_HEADERS, [
        ["jose@example.com", "José", "Núñez", "", "", "", "", ""],
        ["francois@example.com", "François", "Mörk", "", "", "", "", ""],
    ], [
        person("jose@example.com", "José", "Núñez"),
        person("francois@example.com", "François", "Mörk"),
    ], encoding="cp1252", heals=["encoding"])

    case("utf16_bom_tabs", CLEAN_HEADERS, [
        ["zoe@example.com", "Zoë", "Ångström", "", "", "", "", ""],
        ["li@example.com", "李", "小龙", "", "", "", "", ""],
    ], [
        person("zoe@example.com", "Zoë", "Ångström"),
        person("li@example.com", "李", "小龙"),
    ], encoding="utf-16-le", bom=True, delimiter="\t", heals=["encoding", "delimiter"])

    case("utf16_without_bom", CLEAN_HEADERS, [
        ["ana@example.com", "Ana", "Gómez", "", "", "", "", ""],
    ], [
        person("ana@example.com", "Ana", "Gómez"),
    ], encoding="utf-16-le", heals=["encoding"])

    case("quoted_newlines_crlf", CLEAN_HEADERS, [
        ["a@example.com", "Ada\nAugusta", 'Lovelace "Countess"', "", "", "", "", ""],
        ["b@example.com", "Bob", "Smith, Jr.", "", "", "", "", ""],
    ], [
        person("a@example.com", "Ada\nAugusta", 'Lovelace "Countess"'),
        person("b@example.com", "Bob", "Smith, Jr."),
    ], line_end="\r\n")

    case("enum_spellings_and_padding", CLEAN_HEADERS, [
        ["  A@Example.COM ", "\u00a0Ada", "Lovelace ", "", "", "", "", "Customer"],
        ["b@example.com", "Bob", "", "", "", "", "", " PARTNER "],
        ["c@example.com", "Cy", "", "", "", "", "", "Pro-spect"],
    ], [
        person("a@example.com", "Ada", "Lovelace", tier="customer"),
        person("b@example.com", "Bob", tier="partner"),
        person("c@example.com", "Cy", tier="prospect"),
    ], heals=["enum_value", "trimmed"])

    case("enum_abbreviations", CLEAN_HEADERS, [
        ["a@example.com", "", "", "", "", "", "", "cust"],
        ["b@example.com", "", "", "", "", "", "", "Partnr"],
        ["c@example.com", "", "", "", "", "", "", "customer"],
    ], [
        person("a@example.com", tier="customer"),
        person("b@example.com", tier="partner"),
        person("c@example.com", tier="customer"),
    ], status="needs_attention")

    case("required_column_under_another_name", ["Contact", "First Name", "Last Name"], [
        ["ada@example.com", "Ada", "Lovelace"],
        ["alan@example.com", "Alan", "Turing"],
        ["grace@example.com", "Grace", "Hopper"],
    ], [
        person("ada@example.com", "Ada", "Lovelace"),
        person("alan@example.com", "Alan", "Turing"),
        person("grace@example.com", "Grace", "Hopper"),
    ], heals=["renamed_header"])

    case("truly_bad_values", CLEAN_HEADERS, [
        ["ada@example.com", "Ada", "", "", "2024-01-01", "", "", ""],
        ["not an email", "Bob", "", "", "2024-01-02", "", "", ""],
        ["cy@example.com", "Cy", "", "", "yesterday", "", "", ""],
        ["ada@example.com", "Ada again", "", "", "", "", "", ""],
    ], [
        person("ada@example.com", "Ada", signed_up="2024-01-01"),
        None,
        None,
        None,
    ], status="needs_attention", invalid_after=3)

    case("ragged_and_trailing", CLEAN_HEADERS + ["", ""], [
        ["a@example.com", "Ann", "", "", "", "", "", "", "", ""],
        ["b@example.com", "Ben"],
        ["c@example.com", "Cat", "", "", "", "", "", "", "", "", "surplus"],
        ["", "", "", "", "", "", "", ""],
    ], [
        person("a@example.com", "Ann"),
        person("b@example.com", "Ben"),
        None,
        None,
    ], status="needs_attention", invalid_after=1)

    # Many drifts at once: a German CRM export.
    case("combined_german_export", ["E-Mail", "Vorname", "Nachname", "Telefon", "Anmeldedatum", "Betrag", "Aktiv", "Typ", "Bemerkung"], [
        ["max@example.de", "Max", "Müller", "030 1234567", "24.12.2023", "1.299,00", "ja", "Kunde", "VIP"],
        ["erika@example.de", "Erika", "Muster", "+49 89 7654321", "01.02.2024", "19,99", "nein", "Partner", ""],
    ], [
        person("max@example.de", "Max", "Müller", "+49301234567", "2023-12-24", "1299.00", "true", "customer"),
        person("erika@example.de", "Erika", "Muster", "+49897654321", "2024-02-01", "19.99", "false", "partner"),
    ], mapping={
        "email": "E-Mail", "first_name": "Vorname", "last_name": "Nachname", "phone": "Telefon",
        "signed_up": "Anmeldedatum", "amount": "Betrag", "active": "Aktiv", "tier": "Typ",
    }, value_maps={"tier": {"Kunde": "customer", "Interessent": "prospect"}}, country="DE", encoding="cp1252",
        delimiter=";", preamble="Export Kontakte;;;\n", heals=["encoding", "delimiter", "header_row", "date_format", "number_format", "phone_format", "boolean_format", "extra_column"])

    # The same export months later: headers renamed and reordered, still Windows-1252 and semicolons.
    case("combined_drifted_again", ["Bemerkung", "Typ", "E-Mail-Adresse", "Vorname", "Nachname", "Anmeldedatum", "Betrag"], [
        ["", "Kunde", "max@example.de", "Max", "Müller", "24.12.2023", "1.299,00"],
        ["neu", "partner", "jo@example.de", "Jo", "Weiß", "03.01.2024", "5,5"],
    ], [
        person("max@example.de", "Max", "Müller", signed_up="2023-12-24", amount="1299.00", tier="customer"),
        person("jo@example.de", "Jo", "Weiß", signed_up="2024-01-03", amount="5.5", tier="partner"),
    ], mapping={
        "email": "E-Mail", "first_name": "Vorname", "last_name": "Nachname", "signed_up": "Anmeldedatum",
        "amount": "Betrag", "tier": "Typ",
    }, value_maps={"tier": {"Kunde": "customer"}}, country="DE", encoding="cp1252", delimiter=";",
        formats={"signed_up": "DD.MM.YYYY"}, heals=["renamed_header", "reordered_columns", "extra_column"])


if __name__ == "__main__":
    main()
