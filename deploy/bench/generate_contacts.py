#!/usr/bin/env python3
"""Writes a realistic contacts export for benchmarks: N rows, 10 columns, ~100 bytes a row, with the format
mix Intake heals (US dates with some ISO ones, currency amounts with grouping, phone spellings, yes/no
booleans, enum spellings, padded cells) and a few truly bad cells. Deterministic for a given N and seed.

usage: generate_contacts.py ROWS OUT.csv [SEED]
"""
import csv
import random
import sys

FIRST = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Edsger", "Barbara", "Donald", "Frances", "Ken",
         "Radia", "Tim", "Katherine", "Dennis", "Hedy", "John", "Sophie", "Niklaus", "Annie", "Guido"]
LAST = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Dijkstra", "Liskov", "Knuth", "Allen",
        "Thompson", "Perlman", "Berners-Lee", "Johnson", "Ritchie", "Lamarr", "McCarthy", "Wilson", "Wirth"]
CITIES = ["Boston", "San Francisco", "New York", "Austin", "Seattle", "Chicago", "Denver", "Portland, OR"]
TIERS = ["customer", "Customer", "CUSTOMER", "partner", "Partner", "prospect", " prospect"]
ACTIVE = ["yes", "no", "Y", "N", "true", "false", "1", "0"]


def phone(rng):
    area, exchange, line = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
    style = rng.randrange(4)
    if style == 0:
        return f"({area}) {exchange}-{line:04d}"
    if style == 1:
        return f"{area}.{exchange}.{line:04d}"
    if style == 2:
        return f"+1 {area} {exchange} {line:04d}"
    return f"1-{area}-{exchange}-{line:04d}"


def date(rng):
    year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    return f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.1 else f"{month}/{day}/{year}"


def amount(rng):
    cents = rng.randint(0, 5_000_000)
    text = f"{cents // 100:,}.{cents % 100:02d}"
    return "$" + text if rng.random() < 0.7 else text


def main():
    rows, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261129)
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["Email Address", "First Name", "Last Name", "Phone", "Signed Up", "Amount", "Active",
                      "Tier", "City", "Notes"])
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first.lower()}.{last.lower()}.{i}@example.com"
            if i % 997 == 0:
                email = f"{first.lower()}.{last.lower()}.{i}-at-example.com"  # truly bad
            if i % 13 == 0:
                email = " " + email.upper() + " "
            notes = "" if rng.random() < 0.6 else rng.choice(["met at expo", "VIP, call first", "renewal due", "said \"later\""])
            out.writerow([email, first, last, phone(rng), date(rng), amount(rng), rng.choice(ACTIVE),
                          rng.choice(TIERS), rng.choice(CITIES), notes])


if __name__ == "__main__":
    main()
