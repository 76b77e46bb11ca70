// cchc-xl web pages: the status board's table (Thu nhận) and every long table with a
// unit search box (Giao việc): rows filtered by state, found by a unit's code or name
// typed with or without diacritics, sorted by a column. app.js sets them up when the
// page is drawn (setupBoard, setupFind). Plain JavaScript, no library; loaded before
// app.js (both deferred, run in order).
"use strict";

// How long typing pauses before how many units were found is read out.
const SAY_AFTER_MS = 700;

// Letters without their marks, "đ" as "d", in lower case: a name found typed with or
// without diacritics (Unikey off), in any case.
const bare = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
  .replace(/đ/gi, "d").toLowerCase().replace(/\s+/g, " ");

// The rows a table shows: those of the board's filter chosen (data-filter) whose unit's
// code or name (the first two cells) holds what is typed in its search box (data-find).
function showRows(table) {
  const want = table.dataset.filter || "";
  const typed = table.dataset.typed || "";
  let shown = 0;
  for (const row of table.tBodies[0].rows) {
    const kept = want === "co-loi" ? "toFix" in row.dataset : !want || row.dataset.state === want;
    if (row.key === undefined) row.key = bare(`${row.cells[0].textContent} ${row.cells[1].textContent}`);
    row.hidden = !(kept && row.key.includes(typed));
    if (!row.hidden) shown += 1;
  }
  const found = document.querySelector(`[data-found="${table.id}"]`);
  if (found) found.textContent = !typed ? "" : shown ? `${shown} đơn vị` : "Không tìm thấy đơn vị nào";
  // Read out once typing pauses, not at each key (macros.html, find_unit).
  const said = document.querySelector(`[data-said="${table.id}"]`);
  if (!found || !said) return;
  clearTimeout(table.sayLater);
  table.sayLater = setTimeout(() => say(said, found.textContent), SAY_AFTER_MS);
}

function setupFind(input) {
  const table = document.getElementById(input.dataset.find);
  if (!table) return;
  input.addEventListener("input", () => {
    table.dataset.typed = bare(input.value.trim());
    showRows(table);
  });
  // Back to the page, the browser puts back what was typed: the rows shown follow it.
  if (input.value) input.dispatchEvent(new Event("input"));
}

// How the table sorts, over it, and read with each column header that sorts it: that
// it sorts was told by the arrow beside a header alone, then by a tooltip (title) shown
// to a mouse resting on it, never to the keyboard it names (a keyboard pass).
function sortHint(table) {
  const hint = document.createElement("p");
  hint.className = "hint sort-hint";
  hint.id = `${table.id}-sort-hint`;
  hint.textContent = "Bấm vào tên cột (hoặc Tab đến tên cột rồi Enter) để sắp xếp bảng " +
    "theo cột đó; bấm lần nữa để đảo thứ tự.";
  (table.closest(".scroll") || table).before(hint);
  return hint;
}

function setupBoard(table) {
  const rows = () => [...table.tBodies[0].rows];
  for (const button of document.querySelectorAll("[data-filter]")) {
    button.addEventListener("click", () => {
      // Said as pressed, not only filled in blue: a screen reader reads which is on.
      for (const b of document.querySelectorAll("[data-filter]")) {
        b.classList.toggle("on", b === button);
        b.setAttribute("aria-pressed", String(b === button));
      }
      table.dataset.filter = button.dataset.filter;
      showRows(table);
    });
  }
  const hint = sortHint(table);
  table.querySelectorAll("th[data-sort]").forEach((th, col) => {
    th.tabIndex = 0;
    th.setAttribute("aria-describedby", hint.id);
    th.addEventListener("click", () => {
      const up = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      const value = (row) => {
        const cell = row.cells[col];
        const text = cell.dataset.value ?? cell.textContent.trim();
        return th.dataset.sort === "num" ? Number(text) : text;
      };
      const sorted = rows().sort((a, b) => {
        const x = value(a), y = value(b);
        const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "vi");
        return up ? c : -c;
      });
      table.tBodies[0].append(...sorted);
    });
    th.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        th.click();
      }
    });
  });
}
