"""Read an .ics file written by tierdesk with real calendar software and print what it saw,
as JSON, for tests/cli/calendar.rs to assert on.

    python ics_check.py FILE [KHAL_HOME]

- Python's `icalendar` parses the file (a parse error fails the run) and every VEVENT and
  VTODO is listed with the properties the tests look at, as icalendar decoded them
  (unescaped text, dates as YYYY-MM-DD, the alarm's trigger as seconds from the start).
- The raw lines are checked as RFC 5545 wants them: CRLF endings, at most 75 octets.
- With KHAL_HOME (a folder kept between runs), the file is imported with `khal import
  --batch` into a calendar there, and `khal list` over two years is listed: a second
  import of a later file shows what a calendar that had the first one ends up with.
"""

import datetime
import json
import os
import subprocess
import sys

import icalendar


def text(v):
    return None if v is None else str(v)


def day(v):
    if v is None:
        return None
    d = v.dt
    if isinstance(d, datetime.datetime):
        return d.isoformat()
    return d.isoformat()


def component(c):
    alarms = []
    for a in c.walk("VALARM"):
        t = a.decoded("TRIGGER")
        alarms.append(
            {
                "action": text(a.get("ACTION")),
                "trigger_seconds": t.total_seconds() if isinstance(t, datetime.timedelta) else None,
                "related": a["TRIGGER"].params.get("RELATED", "START"),
            }
        )
    cats = []
    for v in c.get("CATEGORIES", []) if isinstance(c.get("CATEGORIES"), list) else [c.get("CATEGORIES")]:
        if v is not None:
            cats.extend(str(x) for x in v.cats)
    completed = c.get("COMPLETED")
    return {
        "kind": c.name,
        "uid": text(c.get("UID")),
        "status": text(c.get("STATUS")),
        "summary": text(c.get("SUMMARY")),
        "description": text(c.get("DESCRIPTION")),
        "dtstart": day(c.get("DTSTART")),
        "dtstart_is_date": c.get("DTSTART") is not None and not isinstance(c.get("DTSTART").dt, datetime.datetime),
        "dtend": day(c.get("DTEND")),
        "due": day(c.get("DUE")),
        "priority": c.get("PRIORITY"),
        "categories": cats,
        "completed": None if completed is None else completed.dt.isoformat(),
        "alarms": alarms,
    }


def raw_problems(data):
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end in CRLF")
    for n, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            problems.append(f"line {n} has {len(line)} octets")
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {n} holds a bare line break")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {n} is not UTF-8 on its own (a fold split a character)")
    return problems


def khal(path, home):
    cal = os.path.join(home, "cal")
    os.makedirs(cal, exist_ok=True)
    config = os.path.join(home, "config")
    with open(config, "w", encoding="utf-8") as f:
        f.write(
            f"[calendars]\n[[tierdesk]]\npath = {cal}\ntype = calendar\n"
            f"[sqlite]\npath = {os.path.join(home, 'khal.db')}\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        )
    exe = os.path.join(os.path.dirname(sys.executable), "khal")
    run = lambda *args: subprocess.run([exe, "-c", config, *args], capture_output=True, text=True, check=True)
    run("import", "--batch", "-a", "tierdesk", path)
    out = run("list", "--format", "{uid}\t{start}\t{status}\t{title}", "--day-format", "", "2025-01-01", "1000d")
    events = []
    for line in out.stdout.splitlines():
        if line.strip():
            uid, start, status, title = (line.split("\t") + ["", "", "", ""])[:4]
            events.append({"uid": uid, "start": start, "status": status.strip(), "title": title})
    return events


def main():
    path = sys.argv[1]
    with open(path, "rb") as f:
        data = f.read()
    cal = icalendar.Calendar.from_ical(data)
    out = {
        "components": [component(c) for c in cal.walk() if c.name in ("VEVENT", "VTODO")],
        "raw_problems": raw_problems(data),
        "khal": None,
    }
    if len(sys.argv) > 2:
        out["khal"] = khal(path, sys.argv[2])
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
