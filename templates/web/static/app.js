// cchc-xl web pages: background jobs with progress, uploads of many files or a folder;
// the status board's filtering and sorting are board.js's, the files kept when their day
// received is refused held.js's. Plain JavaScript, no library.
"use strict";

const csrf = () => document.body.dataset.csrf;

// Whether the form may go: yes, or the person said yes to its data-confirm question.
function confirmed(form) {
  return !form.dataset.confirm || window.confirm(form.dataset.confirm);
}

function jobBox(form) {
  return document.querySelector(`.job[data-form="${form.id}"]`);
}

// A job's box brought into sight, its head first when it is taller than the screen: on
// a phone (390 x 844) the box of Thu nhận sat under the drop zone at the screen's foot,
// its progress and its outcome ("29 tệp có lỗi") out of sight, as the merge ran and on
// the page drawn at its end (a QA pass of a province). Not moved when already seen.
const SHOWN = "cchc-xl-job-shown";

function intoView(box) {
  const at = box.getBoundingClientRect();
  if (at.top >= 0 && at.bottom <= window.innerHeight) return;
  box.scrollIntoView({block: at.height > window.innerHeight ? "start" : "nearest"});
}

// Text put in place only when it differs: the job's head is a live region, and the same
// words written again at every poll (0.4 s) would be read out again each time.
function say(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

function showError(box, text) {
  box.hidden = false;
  const err = box.querySelector(".job-error");
  err.textContent = text;
  err.hidden = false;
}

// A job's outcome said in its box (the page not drawn again), and the link to what it
// made (data-again, in the box's card) named as the page would name it.
function showDone(box, result) {
  let said = box.querySelector(".msg.job-done");
  if (!said) {
    said = document.createElement("p");
    said.setAttribute("role", "status");
    box.querySelector(".job-error").before(said);
  }
  said.className = `msg ${result.tone || "ok"} job-done`;
  said.textContent = result.message || "";
  said.hidden = false;
  const again = box.closest("section") && box.closest("section").querySelector("[data-again]");
  if (again && result.again) {
    again.textContent = result.again;
    again.hidden = false;
  }
}

function addEvents(events) {
  const list = document.querySelector("[data-events]");
  if (!list) return;
  for (const e of events) {
    const li = document.createElement("li");
    li.className = `ev-${e.kind}` + (e.errors ? " has-errors" : "");
    const tag = document.createElement("span");
    tag.className = `tag ${e.kind}`;
    tag.textContent = e.outcome;
    const name = document.createElement("span");
    name.className = "fname";
    name.textContent = e.name;
    li.append(tag, " ", name);
    if (e.unit) li.append(` → ${e.unit}`);
    if (e.replaces) {  // "thay tệp gửi trước 'KT.xlsx'": a fact, as macros.html says it
      const replaces = document.createElement("span");
      replaces.className = "replaces";
      replaces.textContent = `(${e.replaces})`;
      li.append(" ", replaces);
    }
    if (e.late) {  // "Muộn 5 ngày" in the board's tag for it, not a reason's red
      const late = document.createElement("span");
      late.className = "tag st-muon";
      late.textContent = e.late;
      li.append(" ", late);
    }
    // Counts that are not nought, as the page drawn again says them (macros.html).
    const said = [];
    if (e.errors) said.push(`${e.errors} lỗi`);
    if (e.warnings) said.push(`${e.warnings} cảnh báo`);
    if (said.length) {  // in span.counts, as macros.html: red and bold with errors
      const counts = document.createElement("span");
      counts.className = "counts";
      counts.textContent = `(${said.join(", ")})`;
      li.append(" ", counts);
    }
    if (e.reason) {
      const r = document.createElement("span");
      r.className = "reason";
      r.textContent = e.reason;
      li.append(": ", r);  // after a colon, as macros.html's event_item
    }
    list.append(li);
  }
}

// A request refused while the box followed a job still running (an upload whose day
// received is no date, sent during a 150-file merge): said above the box, which goes back
// to following that job, and said again on the page drawn once the job ends. The box had
// stopped following the job as the request was sent and never went back to it: the
// merge's end was not drawn (the office had to reload). `what`: the request refused.
const REFUSED = "cchc-xl-refused";

function refusedBeside(box, what, text) {
  showRefused(box, `${what} lúc ${appTime()} không được nhận: ${text}`);
}

// The time by the app's clock (cchc_xl/clock.py), as its pages print times, not by the
// browser's, which said a time of another day on a computer set wrong. The app tells its
// moment with the page (data-now) and each answer (web/headers.py); the browser's clock
// measures only the time gone since. Its wall clock, read and said as UTC: no zone moves it.
const NOW_HEADER = "X-Cchc-Now";
let appAhead = 0;  // the app's clock less the browser's, in milliseconds

function heardNow(said) {
  const at = said ? Date.parse(`${said}Z`) : NaN;
  if (!Number.isNaN(at)) appAhead = at - Date.now();
}

function appTime() {
  return new Date(Date.now() + appAhead).toLocaleTimeString(
    "vi-VN", {hour: "2-digit", minute: "2-digit", timeZone: "UTC"});
}

function showRefused(box, said) {
  const p = document.createElement("p");
  p.className = "msg error refused";
  p.setAttribute("role", "alert");
  p.textContent = said;
  for (const old of document.querySelectorAll(".refused")) old.remove();
  box.before(p);
}

// The page drawn again: a refusal said above the box is said on the new page too. An
// upload's (Thu nhận's files, Báo cáo's verdicts), with the job it followed in its
// address (?viec=, pages/intake.py, pages/report.py): the page drawn showed the latest
// upload of the period, the deputy's in another browser ended a moment after, read as
// this one's outcome (a QA pass: two people at once).
const FOLLOWED_FORMS = new Set(["intake-form", "assess-form"]);

function reloadTo(box, next, followed = "") {
  if (followed && FOLLOWED_FORMS.has(box.dataset.form)) {
    const url = new URL(next || location.href, location.href);
    url.searchParams.set("viec", followed.split("/").pop());
    next = url.pathname + url.search + url.hash;
  }
  const said = document.querySelector(".refused");
  if (said) {
    sessionStorage.setItem(REFUSED, JSON.stringify({form: box.dataset.form, said: said.textContent}));
  }
  sessionStorage.setItem(SHOWN, box.dataset.form || "");
  const go = () => { if (next) location.assign(next); else location.reload(); };
  // Files held for a day corrected (refused beside this job) are offered again on the
  // page drawn again (keepHeld); drawn again, they were dropped.
  const form = document.getElementById(box.dataset.form);
  if (form && held.has(form)) keepHeld(form).then(go, go); else go();
}

function poll(box, url, page = box.dataset.page, ended = () => {}, behind = false, since = 0) {
  // One job followed per box: an upload sent while the page followed the last one's
  // merge follows its own job; the last one's, still polled, wrote its title and files
  // over the new one's, in turns (a QA pass at a province's scale: 150 files merging).
  box.dataset.following = url;
  box.dataset.running = url;  // until it has ended: a request refused goes back to it
  box.hidden = false;
  const bar = box.querySelector("progress");
  bar.hidden = false;
  const current = box.querySelector(".job-current");
  const state = box.querySelector(".job-state");
  const step = async () => {
    if (box.dataset.following !== url) return;
    let job;
    try {
      const res = await fetch(`${url}?since=${since}`, {headers: {Accept: "application/json"}});
      heardNow(res.headers.get(NOW_HEADER));
      job = await res.json();
      if (box.dataset.following !== url) return;
    } catch (err) {
      delete box.dataset.running;
      // The browser's own words (English: "Failed to fetch") say nothing to the office.
      showError(box, "Mất kết nối với ứng dụng (ứng dụng đã dừng, hoặc mạng bị ngắt): mở " +
                "lại trang khi ứng dụng chạy lại.");
      ended();
      return;
    }
    if (job.error && !job.state) {  // the app's answer to a request it refused, in words
      delete box.dataset.running;
      showError(box, job.error);
      ended();
      return;
    }
    say(box.querySelector(".job-title"), job.title);
    say(state, job.state_label);
    bar.max = job.total || 1;
    bar.value = job.done;
    current.textContent = job.total ? `${job.done}/${job.total} ${job.current}` : "";
    addEvents(job.events);
    since = job.event_count;
    if (job.state === "done" && job.result && job.result.download) {
      // A file to download (the backup): the browser fetches it and stays on the page,
      // which is not drawn again; the outcome is drawn here, as the page would draw it
      // (the box said "643/643" and nothing else, its button stayed greyed out, and the
      // link to the backup kept named the one before it, removed).
      delete box.dataset.running;
      current.textContent = "";
      showDone(box, job.result);
      location.assign(job.result.download);
      ended();
    } else if (job.state === "done" || (job.state === "failed" && (behind || (job.offer || {}).to))) {
      // The page of the period the form was for, whatever another tab chose since; or
      // the one the job's result names (a question to answer: a plan imported, held).
      // A job queued behind one the page followed, failed: the page drawn again all the
      // same, with its failure and the outcome of the one before it, ended meanwhile. A
      // failure with a button to answer it (files of an earlier period, held to be merged
      // into it): drawn again with the button.
      reloadTo(box, (job.result && job.result.page) || page, url);
    } else if (job.state === "failed") {
      delete box.dataset.running;
      current.textContent = "";
      bar.hidden = true;  // half full beside "Lỗi" read as work still to come
      showError(box, job.error);
      ended();
    } else {
      setTimeout(step, 400);
    }
  };
  step();
}

// A field the app refused (a letter's deadline that is no date; the answer names it):
// said wrong, read with what is wrong with it (the box's error), and given the keyboard,
// its text selected to type over. The button pressed, greyed out while the request went,
// had taken the keyboard to the page's start, the field two Tabs back and unmarked (a
// keyboard pass of Phản hồi). Unmarked as the form is sent again.
function markRefused(form, name, box) {
  const field = form.querySelector(`[name="${CSS.escape(name)}"]:not([type=file])`);
  const error = box.querySelector(".job-error");
  if (!field) return;
  if (!("refused" in field.dataset)) {  // its own description kept, read before the error
    field.dataset.refused = field.getAttribute("aria-describedby") || "";
  }
  field.setAttribute("aria-invalid", "true");
  if (error.id) field.setAttribute("aria-describedby", `${field.dataset.refused} ${error.id}`.trim());
  field.focus();
  if (field.select) field.select();
}

function unmarkRefused(form) {
  for (const field of form.querySelectorAll("[data-refused]")) {
    field.removeAttribute("aria-invalid");
    if (field.dataset.refused) field.setAttribute("aria-describedby", field.dataset.refused);
    else field.removeAttribute("aria-describedby");
    delete field.dataset.refused;
  }
}

// Whether the form sends files (an upload), not only a request (a letter to draft).
function sendsFiles(form) {
  return form.hasAttribute("data-upload") ||
    [...form.querySelectorAll("input[type=file]")].some((input) => input.files.length);
}

function send(form, data, box, picked = null) {
  // XMLHttpRequest rather than fetch: it reports upload progress.
  const xhr = new XMLHttpRequest();
  xhr.open("POST", form.action);
  xhr.setRequestHeader("Accept", "application/json");
  xhr.setRequestHeader("X-CSRF-Token", csrf());
  // A job still running, followed until now: followed again if this request is refused.
  const beside = box.dataset.running || "";
  for (const old of document.querySelectorAll(".refused")) old.remove();
  box.hidden = false;
  box.querySelector(".job-error").hidden = true;
  box.dataset.following = "";  // this request's, not the last job's, from here (poll)
  // The last job's outcome and title, drawn with the page, are not this one's (a file
  // refused for its size showed under the last upload's title and warning).
  for (const old of box.querySelectorAll(".msg:not(.job-error), .job-when")) old.hidden = true;
  // An upload is "Tải lên" with its progress; a request alone is named by its button
  // (a letter's deadline refused said "Tải lên · Lỗi" with a full bar: a QA probe).
  const files = sendsFiles(form);
  const button = form.querySelector("button[type=submit], button:not([type])");
  say(box.querySelector(".job-title"),
      files ? "Tải lên" : (button ? button.textContent.trim() : "Gửi yêu cầu"));
  const bar = box.querySelector("progress");
  bar.value = 0;
  bar.hidden = !files;  // hidden by the last job's failure; shown again by poll()
  const current = box.querySelector(".job-current");
  // An upload's line of progress drawn from the start: shown only once the upload
  // reported, it grew the box under a phone's screen just brought into sight.
  current.textContent = files ? "Đang tải lên 0%" : "";
  const state = box.querySelector(".job-state");
  say(state, "Đang gửi");
  unmarkRefused(form);
  // Brought into sight as it is drawn now: measured before the last job's lines were
  // hidden and the progress bar shown, its foot could end below the screen (a phone).
  intoView(box);
  // One job per click: a second click while it runs (a double click on "Lập báo cáo"
  // queued the report twice: a QA probe) does nothing until it has failed; done, the
  // page is drawn again.
  form.dataset.busy = "1";
  // Greyed out, the button loses the keyboard (to the page's start): given back at the
  // end, unless a field refused has it (markRefused).
  const pressed = button && document.activeElement === button;
  if (button && !files) button.disabled = true;
  const ended = () => {
    delete form.dataset.busy;
    if (button) button.disabled = false;
    if (pressed && document.activeElement === document.body) button.focus();
  };
  const failed = (text, field) => {
    // The day refused: the files chosen kept for the day corrected.
    if (picked && field === "received") holdFiles(form, picked);
    else if (field && !beside) markRefused(form, field, box);
    if (beside) {  // said above the box, which follows the job running again
      const what = files ? "Lần tải lên" : `Yêu cầu “${box.querySelector(".job-title").textContent}”`;
      refusedBeside(box, what, text);
      const list = document.querySelector("[data-events]");
      if (files && list) list.replaceChildren();  // drawn again from the job's first
      poll(box, beside, box.dataset.page);
      ended();
      return;
    }
    say(state, "Lỗi");
    current.textContent = "";
    bar.hidden = true;  // full beside "Lỗi" read as done
    showError(box, text);
    if (files) captionLast();
    ended();
  };
  xhr.upload.onprogress = (e) => {
    if (files && e.lengthComputable) {
      bar.max = e.total;
      bar.value = e.loaded;
      current.textContent = `Đang tải lên ${Math.round(100 * e.loaded / e.total)}%`;
    }
  };
  xhr.onload = () => {
    heardNow(xhr.getResponseHeader(NOW_HEADER));  // the moment it answered, refused or not
    let body = {};
    // Not the app's JSON (a proxy's page, say): its status, not its text (in English).
    try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
    if (xhr.status >= 200 && xhr.status < 300 && body.status) {
      // Taken: the files' outcomes drawn from here are this upload's. The last upload's
      // list, and its merge's details, go only now: an upload refused before it started
      // (a day received that is no date) left the last one shown nowhere (a QA pass).
      if (files) {
        const list = document.querySelector("[data-events]");
        if (list) list.replaceChildren();
        for (const old of document.querySelectorAll(".events-last")) old.remove();
        for (const old of document.querySelectorAll("details.summary")) old.hidden = true;
      }
      poll(box, body.status, body.page || box.dataset.page, ended, Boolean(beside));
    } else {
      failed(body.error || `Ứng dụng báo lỗi (mã ${xhr.status}): thử lại, hoặc mở lại trang.`, body.field);
    }
  };
  xhr.onerror = () => failed("Không gửi được: ứng dụng đã dừng?");
  xhr.send(data);
}

// An upload refused before it started (a day received that is no date): the last
// upload's files stay listed below its error, said to be the last one's; unsaid, they
// read as this upload's files refused (a QA pass: "Bị từ chối …" under "Tải lên · Lỗi").
function captionLast() {
  const list = document.querySelector("[data-events]");
  if (!list || !list.children.length || document.querySelector(".events-last")) return;
  const said = document.createElement("p");
  said.className = "hint events-last";
  said.textContent = "Lần này chưa nhận tệp nào. Kết quả lần tải lên trước:";
  list.before(said);
}

function uploadFiles(form, files) {
  const box = jobBox(form);
  dropHeld(form);  // held again if this upload's day is refused too
  if (!files.length && box.dataset.running) {  // the merge running stays drawn
    refusedBeside(box, "Lần tải lên", "Không có tệp nào trong những gì vừa chọn.");
    return;
  }
  if (!files.length) {
    // The last upload's outcome, drawn with the page, is not this one's (it showed in
    // green above this error: a QA probe).
    box.hidden = false;
    for (const old of box.querySelectorAll(".msg:not(.job-error), .job-when")) old.hidden = true;
    say(box.querySelector(".job-title"), "Tải lên");
    say(box.querySelector(".job-state"), "Lỗi");
    box.querySelector(".job-current").textContent = "";
    box.querySelector("progress").hidden = true;
    showError(box, "Không có tệp nào trong những gì vừa chọn.");
    return;
  }
  const data = new FormData();
  data.append("csrf", csrf());
  // The day the office received the files (the date field above the drop zone). Left
  // as the page drew it on that day's today, none is sent: the app takes its own today,
  // right even when the page was opened the day before. A day kept from the last
  // upload (not today) is sent as it is shown.
  const received = form.querySelector("[name=received]");
  if (received && (received.value !== received.defaultValue
                   || received.defaultValue !== received.dataset.today)) {
    data.append("received", received.value);
  }
  for (const {file, path} of files) data.append("files", file, path || file.name);
  send(form, data, box, files);
}

// Every file under a dropped folder (recursively), with its path inside the drop.
async function entryFiles(entry, prefix) {
  if (entry.isFile) {
    const file = await new Promise((ok, fail) => entry.file(ok, fail));
    return [{file, path: prefix + file.name}];
  }
  const reader = entry.createReader();
  const children = [];
  for (;;) {
    const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) break;
    children.push(...batch);
  }
  const out = [];
  for (const child of children) out.push(...await entryFiles(child, `${prefix}${entry.name}/`));
  return out;
}

function setupUpload(form) {
  const drop = form.querySelector("[data-drop]");
  for (const input of form.querySelectorAll("[data-pick]")) {
    input.addEventListener("change", () => {
      uploadFiles(form, [...input.files].map((file) => ({file, path: file.webkitRelativePath})));
      input.value = "";
    });
  }
  // Enter in the date with files held sends them; otherwise the form is no plain POST
  // to send (it went with no file: "Chưa chọn tệp nào" on a page drawn again).
  form.addEventListener("submit", (e) => {
    if (!held.has(form)) return;
    e.preventDefault();
    sendHeld(form);
  });
  // Keyboard: the pickers themselves ("Chọn tệp", "Chọn thư mục"), each opened with
  // Enter or Space; the zone is only where files are dropped (intake.html).
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry());
    let files = [];
    if (entries.length && entries.every(Boolean)) {
      for (const entry of entries) files.push(...await entryFiles(entry, ""));
    } else {
      files = [...e.dataTransfer.files].map((file) => ({file, path: file.name}));
    }
    uploadFiles(form, files);
  });
}

// The "Kỳ báo cáo" box: a pick with the mouse (or a touch) opens that period's page at
// once; with the keyboard, the arrows only move the choice (each one reloaded the page, and
// focus went back to its top: four rounds of Tab and arrow from "Năm" to "Quý I", a QA
// pass), and Enter, or leaving the box, opens the period chosen. Escape puts back the
// page's own. After a keyboard change the page opened has the box focused again.
const PERIOD_FOCUS = "cchc-xl-period-focus";

function choosePeriod(select) {
  const own = () => ([...select.options].find((o) => o.defaultSelected) || {}).value;
  let keyed = false;  // the last change came from the keyboard
  let committing = false;  // the next change is a pick in the open list (Enter)
  let sent = false;
  const go = () => {
    if (sent || select.value === own()) return;
    sent = true;
    if (keyed) sessionStorage.setItem(PERIOD_FOCUS, "1");
    select.form.submit();
  };
  select.addEventListener("pointerdown", () => { keyed = false; });
  select.addEventListener("keydown", (e) => {
    keyed = true;
    committing = e.key === "Enter" || e.key === " " || e.key === "F4" || e.altKey;
    if (e.key === "Enter") {
      e.preventDefault();
      go();
    } else if (e.key === "Escape" && select.value !== own()) {
      select.value = own();
    }
  });
  select.addEventListener("change", () => {
    if (!keyed || committing) go();
  });
  select.addEventListener("blur", () => { if (keyed) go(); });
  window.addEventListener("pageshow", () => { keyed = committing = sent = false; });
  if (sessionStorage.getItem(PERIOD_FOCUS)) {
    sessionStorage.removeItem(PERIOD_FOCUS);
    select.focus();
  }
}

// The report's frame ringed while it has the keyboard (Tab from "Ghi đánh giá"; the
// arrows then scroll the report): the frame's own page draws no focus ring, and a frame
// focused does not match :focus in this page (a keyboard pass saw nothing focused).
function ringFrame(frame) {
  const mark = () => frame.classList.toggle("focused", document.activeElement === frame);
  window.addEventListener("blur", () => setTimeout(mark));  // activeElement set after
  window.addEventListener("focus", mark);
  document.addEventListener("focusin", mark);
}

document.addEventListener("DOMContentLoaded", () => {
  heardNow(document.body.dataset.now);
  for (const frame of document.querySelectorAll("iframe.report")) ringFrame(frame);
  for (const select of document.querySelectorAll("[data-autosubmit]")) choosePeriod(select);
  // "Quay lại" on an error page: the page before it (no inline javascript: link, which
  // the pages' Content-Security-Policy refuses); opened alone, the link's first page.
  for (const link of document.querySelectorAll("a[data-back]")) {
    link.addEventListener("click", (e) => {
      if (history.length > 1) {
        e.preventDefault();
        history.back();
      }
    });
  }
  // Back to a page: the browser puts back the choice made before leaving it (the period
  // chosen on the way to another page), which the page is not about; show the page's own.
  // Its forms sent once (data-once, below) can be sent again.
  window.addEventListener("pageshow", () => {
    for (const select of document.querySelectorAll("[data-autosubmit]")) {
      const own = [...select.options].find((o) => o.defaultSelected);
      if (own) select.value = own.value;
    }
    for (const form of document.querySelectorAll("form[data-sent]")) delete form.dataset.sent;
  });
  for (const form of document.querySelectorAll("form[data-job]")) {
    if (form.hasAttribute("data-upload")) {
      setupUpload(form);
      continue;
    }
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!form.dataset.busy && confirmed(form)) send(form, new FormData(form), jobBox(form));
    });
  }
  // A file picker drawn in Vietnamese whatever the browser's language: the input itself
  // is kept (its "required" still applies), the name chosen shown beside the button.
  for (const input of document.querySelectorAll("input[type=file][data-named]")) {
    input.addEventListener("change", () => {
      const picked = input.parentElement.querySelector(".picked");
      if (picked) picked.textContent = input.files.length ? input.files[0].name : "Chưa chọn tệp";
    });
  }
  // A step that cannot be undone on the page asks first (data-confirm: the question;
  // a form that starts a job asks in its own handler above).
  // Sent already (data-once, below): not asked again. Enter pressed again while the
  // page went (a double click) asked the question a second time, for a step on its way,
  // its "Hủy" undoing nothing (a QA pass).
  for (const form of document.querySelectorAll("form[data-confirm]:not([data-job])")) {
    form.addEventListener("submit", (e) => {
      if (form.dataset.sent || !confirmed(form)) e.preventDefault();
    });
  }
  // An answer sent once (data-once): a second click while the first is on its way (a
  // double click) sent it again, and the second's page ("answered already") hid what the
  // first did. Registered after the question above: a form not confirmed was not sent.
  for (const form of document.querySelectorAll("form[data-once]")) {
    form.addEventListener("submit", (e) => {
      if (e.defaultPrevented) return;
      if (form.dataset.sent) e.preventDefault();
      else form.dataset.sent = "1";
    });
  }
  // A request refused beside a job running, said again on the page drawn at its end.
  const refused = JSON.parse(sessionStorage.getItem(REFUSED) || "null");
  sessionStorage.removeItem(REFUSED);
  const beside = refused &&
    document.querySelector(`.job[data-form="${CSS.escape(refused.form || "")}"]`);
  if (beside) showRefused(beside, refused.said);
  // The job whose end drew this page again: its box in sight (intoView).
  const shown = sessionStorage.getItem(SHOWN);
  sessionStorage.removeItem(SHOWN);
  const ended = shown !== null &&
    document.querySelector(`.job[data-form="${CSS.escape(shown)}"]:not([hidden])`);
  if (ended) intoView(ended);
  takeHeld().catch(() => {});  // none offered: chosen again, as before
  // A job running: its files the page was drawn with are not listed again.
  const listed = document.querySelector("[data-events][data-status]");
  for (const box of document.querySelectorAll(".job[data-status]")) {
    if (!["queued", "running"].includes(box.dataset.state)) continue;
    const drawn = listed && listed.dataset.status === box.dataset.status ? listed.dataset.drawn : 0;
    poll(box, box.dataset.status, box.dataset.page, () => {}, false, Number(drawn));
  }
  // What an action did, said at the top of the page it came back to: the keyboard's
  // place too (a QA pass: focus stayed at the page's start, the header and the steps to
  // go through again to reach it). Not when a field was given focus on purpose, nor the
  // notes of other periods (base.html: the period due, said on every page of a period
  // gone by; one gone by with work left, on the pages of the period due).
  // A field the page came back to say is wrong (aria-invalid, described by what is
  // wrong: a blank plan's year) has the keyboard: it was at the page's start, some twenty
  // Tabs from the field (a keyboard pass). Again once the page has loaded: the browser's
  // going to the form's place in the page (#bang-trong) takes the focus off it.
  const wrong = document.querySelector("main [aria-invalid=true]");
  const toWrong = () => { if (document.activeElement === document.body) wrong.focus(); };
  if (wrong) {
    toWrong();
    window.addEventListener("load", () => setTimeout(toWrong));
  }
  const said = document.querySelector("main > .msg:not(.period-note)");
  if (said && document.activeElement === document.body) {
    said.tabIndex = -1;
    said.focus({preventScroll: true});
  }
  // Nothing of the kind, and the page drawn again at the end of a job: its outcome, in
  // its box, is the keyboard's place and what a screen reader reads (a screen reader
  // pass: an upload ended in silence, the keyboard back at the page's start).
  const outcome = ended && ended.querySelector(".msg:not([hidden])");
  if (outcome && document.activeElement === document.body) {
    outcome.tabIndex = -1;
    outcome.focus({preventScroll: true});
  }
  const board = document.querySelector("table[data-sortable]");
  if (board) setupBoard(board);
  for (const input of document.querySelectorAll("input[data-find]")) setupFind(input);
});

// A required field left empty: the browser's own message is in its language (English
// here: "Please select a file." — a QA probe); the app's is in Vietnamese.
document.addEventListener("invalid", (e) => {
  const field = e.target;
  if (field.validity && field.validity.valueMissing) {
    field.setCustomValidity(field.type === "file" ? "Chưa chọn tệp: bấm vào ô này để chọn tệp."
                                                  : "Chưa điền ô này.");
  }
}, true);
for (const kind of ["input", "change"]) {
  document.addEventListener(kind, (e) => {
    if (e.target.setCustomValidity) e.target.setCustomValidity("");
  }, true);
}
