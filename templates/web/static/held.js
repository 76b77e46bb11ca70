// cchc-xl web pages: files chosen at Thu nhận with a day received the app refused, kept
// in the page (and across the page drawn again) to be sent with the day corrected.
// app.js sends them (uploadFiles) and holds them when refused (send). Plain JavaScript,
// no library; loaded before app.js (both deferred, run in order).
"use strict";

// Files chosen but not uploaded: the day received typed with them was refused (the app's
// answer names the field). Kept in the page and listed under the date, they go again
// with the day corrected ("Tải lên các tệp này", or Enter in the date): dropped, they had
// to be chosen again, a folder of 40 units' files picked anew (a QA pass). The app saw
// none of them (refused before any was saved): sent again, nothing is merged twice.
const held = new WeakMap();
const HELD_NAMES_SHOWN = 5;

function heldNote(form) {
  let note = form.querySelector("[data-held]");
  if (note) return note;
  note = document.createElement("div");
  note.className = "held";
  note.dataset.held = "";
  note.setAttribute("role", "status");
  const said = document.createElement("p");
  said.className = "held-said";
  const again = document.createElement("button");
  again.type = "button";
  again.className = "held-send";
  again.textContent = "Tải lên các tệp này";
  again.addEventListener("click", () => sendHeld(form));
  const drop = document.createElement("button");
  drop.type = "button";
  drop.className = "held-drop secondary";
  drop.textContent = "Bỏ các tệp này";
  drop.addEventListener("click", () => dropHeld(form));
  note.append(said, again, " ", drop);
  form.querySelector(".received").after(note);
  return note;
}

function holdFiles(form, files) {
  held.set(form, files);
  const names = files.map(({file, path}) => path || file.name);
  const shown = names.slice(0, HELD_NAMES_SHOWN).join(", ") +
    (names.length > HELD_NAMES_SHOWN ? ` … và ${names.length - HELD_NAMES_SHOWN} tệp khác` : "");
  const note = heldNote(form);
  note.querySelector(".held-said").textContent =
    `Các tệp đã chọn (${names.length} tệp, chưa tải lên, không cần chọn lại): ${shown}. ` +
    "Sửa ô “Ngày nhận” ở trên rồi bấm “Tải lên các tệp này”.";
  note.hidden = false;
  const field = form.querySelector("[name=received]");
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
    field.select();
  }
}

function dropHeld(form) {
  held.delete(form);
  const note = form.querySelector("[data-held]");
  if (note) note.hidden = true;
  const field = form.querySelector("[name=received]");
  if (field) field.removeAttribute("aria-invalid");
}

// Files held, kept across the page drawn again at the end of the job the page followed:
// in the browser's own database (files cannot go in sessionStorage), taken back, and
// deleted, when the page is next drawn (takeHeld).
const HELD_DB = "cchc-xl-held";

function heldStore(mode, work) {
  return new Promise((ok, fail) => {
    const open = indexedDB.open(HELD_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore("files");
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("files", mode);
      const asked = work(tx.objectStore("files"));
      tx.oncomplete = () => { db.close(); ok(asked.result); };
      tx.onerror = tx.onabort = () => { db.close(); fail(tx.error); };
    };
  });
}

async function keepHeld(form) {
  const received = form.querySelector("[name=received]");
  await heldStore("readwrite", (store) => store.put(
    {action: form.action, files: held.get(form), received: received ? received.value : ""},
    form.id));
  sessionStorage.setItem(HELD_DB, form.id);
}

async function takeHeld() {
  const id = sessionStorage.getItem(HELD_DB);
  if (!id) return;
  sessionStorage.removeItem(HELD_DB);
  const kept = await heldStore("readwrite", (store) => {
    const asked = store.get(id);
    store.delete(id);
    return asked;
  });
  const form = document.getElementById(id);
  // Only on the same form of the same period's page: another period's would merge them
  // into the wrong period.
  if (!kept || !form || form.action !== kept.action || !kept.files.length) return;
  const received = form.querySelector("[name=received]");
  if (received) received.value = kept.received;
  holdFiles(form, kept.files);
}

function sendHeld(form) {
  const files = held.get(form);
  if (files && !form.dataset.busy) uploadFiles(form, files);
}
