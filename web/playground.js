// The playground's script (served from the package; the CSP allows no inline script). It builds
// the page from GET /playground/state, polled every second, and posts what the person at the
// keyboard does: a reply, a click, a clock change, the seed. Everything people wrote is inserted as
// text (textContent), never as HTML.
(() => {
  const POLL_MS = 1000;
  const words = JSON.parse(document.getElementById("pg-words").textContent);
  const token = document.querySelector('meta[name="playground-token"]').content;
  const root = document.getElementById("pg");

  /** A word of templates/playground.yaml with its {{placeholders}} filled in. */
  const w = (key, view = {}) =>
    (words[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name) =>
      view[name] === undefined ? "" : String(view[name]),
    );

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === false) continue;
      if (name === "onclick") node.addEventListener("click", value);
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat(Number.POSITIVE_INFINITY)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Beijing time whatever the browser's zone: the service's calendar is China's.
  const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];
  const beijing = (iso) => new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n) => String(n).padStart(2, "0");
  /** 3月22日 09:03; with the year when it is not the clock's (a message from before the seed's). */
  const shortTime = (iso) => {
    const t = beijing(iso);
    const clockYear = state.data ? beijing(state.data.clock.now).getUTCFullYear() : t.getUTCFullYear();
    const year = t.getUTCFullYear() === clockYear ? "" : `${t.getUTCFullYear()}年`;
    return `${year}${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
  };
  const longTime = (ms) => {
    const t = new Date(ms + 8 * 3600_000);
    return {
      date: `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日（周${WEEKDAYS[t.getUTCDay()]}）`,
      time: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`,
    };
  };
  const sizeText = (bytes) =>
    bytes >= 1024 * 1024
      ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} KB`;

  /** Text with its web addresses made links (the /web sign-in link, a card's page). */
  function linkified(text) {
    const parts = [];
    let last = 0;
    for (const match of text.matchAll(/https?:\/\/[^\s<>"'）)]+/g)) {
      parts.push(text.slice(last, match.index));
      parts.push(el("a", { href: match[0], target: "_blank", rel: "noopener" }, match[0]));
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  }

  /** A line of markdown as the platforms show it: **bold**, [links](url); tags such as <font> dropped. */
  function inline(line) {
    const parts = [];
    const pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+|\/[^)\s]*)\)/g;
    let last = 0;
    const plain = (s) => linkified(s.replace(/<\/?[a-zA-Z][^>]*>/g, ""));
    for (const match of line.matchAll(pattern)) {
      parts.push(...plain(line.slice(last, match.index)));
      if (match[1] !== undefined) parts.push(el("strong", {}, ...plain(match[1])));
      else parts.push(el("a", { href: match[3], target: "_blank", rel: "noopener" }, match[2]));
      last = match.index + match[0].length;
    }
    parts.push(...plain(line.slice(last)));
    return parts;
  }

  function markdown(text) {
    const box = el("div", { className: "md" });
    for (const line of text.split(/\r?\n/)) {
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) box.append(el("div", { className: "md-h" }, ...inline(heading[2])));
      else if (line.startsWith(">"))
        box.append(el("div", { className: "md-quote" }, ...inline(line.replace(/^>\s?/, ""))));
      else if (line.trim() === "") box.append(el("div", { className: "md-gap" }));
      else box.append(el("div", {}, ...inline(line)));
    }
    return box;
  }

  // ---- state ----
  const state = {
    people: [],
    person: decodeURIComponent((location.hash.match(/p=([^&]+)/) ?? [])[1] ?? ""),
    data: undefined,
    fetchedAt: 0,
    tab: "outbox",
    filter: "",
    shown: { chat: "", feed: "", people: "", top: "" },
  };
  const personById = (id) => state.people.find((p) => p.id === id);
  const roleWord = (p) => w(`role${p.role[0].toUpperCase()}${p.role.slice(1)}`);

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", "x-playground-token": token },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error ?? String(response.status));
    return answer;
  }

  // ---- the page's frame, built once ----
  const top = el("header", { className: "pg-top" });
  const peopleSearch = el("input", {
    type: "search",
    placeholder: w("peopleSearch"),
    "aria-label": w("peopleSearch"),
  });
  const peopleList = el("nav", { className: "pg-people-list", "aria-label": w("peopleTitle") });
  const peopleSelect = el("select", { className: "pg-people-select", "aria-label": w("peopleTitle") });
  const chatHead = el("div", { className: "pg-chat-head" });
  const chatList = el("div", { className: "pg-chat-list", role: "log", "aria-live": "polite" });
  const input = el("input", {
    type: "text",
    name: "text",
    placeholder: w("chatPlaceholder"),
    autocomplete: "off",
  });
  const sendButton = el("button", { type: "submit", className: "primary" }, w("chatSend"));
  const composer = el("form", { className: "pg-composer" }, input, sendButton);
  const quick = el(
    "div",
    { className: "pg-quick" },
    ["quickHelp", "quickWhoami", "quickOverdue", "quickDigest", "quickWeb"].map((key) =>
      el("button", { type: "button", onclick: () => say(w(key)) }, w(key)),
    ),
  );
  const clockBox = el("section", { className: "pg-clock", "aria-label": w("clockTitle") });
  const tabs = el("div", { className: "pg-tabs", role: "tablist" });
  const feedBox = el("div", { className: "pg-feed" });
  root.append(
    top,
    el(
      "div",
      { className: "pg-main" },
      el(
        "aside",
        { className: "pg-people" },
        el("h2", {}, w("peopleTitle")),
        peopleSelect,
        peopleSearch,
        peopleList,
      ),
      el("section", { className: "pg-chat" }, chatHead, chatList, quick, composer),
      el("aside", { className: "pg-side" }, clockBox, tabs, feedBox),
    ),
  );
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    say(text).then((ok) => {
      if (ok) input.value = "";
    });
  });
  peopleSearch.addEventListener("input", () => {
    state.filter = peopleSearch.value.trim();
    renderPeople();
  });
  peopleSelect.addEventListener("change", () => pick(peopleSelect.value));

  async function say(text) {
    if (!state.person) return false;
    try {
      await post("/playground/say", { from: state.person, text });
      await refresh();
      return true;
    } catch {
      chatList.append(el("div", { className: "pg-error" }, w("chatSendFailed")));
      return false;
    }
  }

  async function click(cardId, actionKey) {
    try {
      await post("/playground/click", { from: state.person, cardId, actionKey });
    } catch {
      chatList.append(el("div", { className: "pg-error" }, w("chatSendFailed")));
    }
    await refresh();
  }

  function pick(id) {
    state.person = id;
    history.replaceState(null, "", `#p=${encodeURIComponent(id)}`);
    state.shown.chat = "";
    renderPeople();
    refresh();
  }

  // ---- rendering ----
  function renderTop() {
    const data = state.data;
    const key = JSON.stringify([data.registry, data.directoryIsDemo]);
    if (key === state.shown.top) return;
    state.shown.top = key;
    const status = data.registry
      ? el(
          "span",
          { className: "pg-registry" },
          w("seedLoaded", { tasks: data.registry.tasks }),
          " ",
          data.registry.title,
        )
      : el(
          "span",
          { className: "pg-registry" },
          w("seedNone"),
          " ",
          el(
            "button",
            { type: "button", className: "primary", id: "pg-seed", onclick: seed },
            w("seedButton"),
          ),
          el("small", {}, w("seedHint")),
          data.directoryIsDemo ? "" : el("small", {}, w("seedOtherDirectory")),
        );
    top.replaceChildren(
      el("div", { className: "pg-brand" }, el("h1", {}, w("title")), el("span", {}, w("subtitle"))),
      status,
      el("p", { className: "pg-notice" }, w("notice")),
    );
  }

  async function seed(event) {
    event.target.disabled = true;
    event.target.textContent = w("seedBusy");
    try {
      await post("/playground/seed", {});
    } catch (error) {
      event.target.textContent = error.message;
    }
    await refresh();
  }

  function renderPeople() {
    const key = JSON.stringify([state.people.length, state.person, state.filter]);
    if (key === state.shown.people) return;
    state.shown.people = key;
    const groups = [
      ["groupAdmins", state.people.filter((p) => p.role === "admin")],
      ["groupLeaders", state.people.filter((p) => p.role === "leader")],
      ["groupUnits", state.people.filter((p) => p.role === "contact" || p.role === "head")],
    ];
    const matches = (p) =>
      !state.filter || p.name.includes(state.filter) || (p.unit ?? "").includes(state.filter);
    peopleList.replaceChildren(
      ...groups.map(([title, people]) =>
        el(
          "div",
          { className: "pg-group" },
          el("h3", {}, w(title)),
          people.filter(matches).map((p) =>
            el(
              "button",
              {
                type: "button",
                className: p.id === state.person ? "pg-person current" : "pg-person",
                "data-person": p.id,
                "aria-pressed": p.id === state.person ? "true" : "false",
                onclick: () => pick(p.id),
              },
              el("span", { className: "name" }, p.name),
              el("span", { className: "role" }, p.unit ? `${p.unit} · ${roleWord(p)}` : roleWord(p)),
            ),
          ),
        ),
      ),
    );
    peopleSelect.replaceChildren(
      el("option", { value: "" }, w("pickPerson")),
      ...groups.map(([title, people]) =>
        el(
          "optgroup",
          { label: w(title) },
          people.map((p) =>
            el(
              "option",
              { value: p.id, selected: p.id === state.person },
              p.unit ? `${p.name}（${p.unit}）` : p.name,
            ),
          ),
        ),
      ),
    );
  }

  /** A message the bot sent, as a chat platform shows it. */
  function botMessage(item) {
    const m = item.message;
    const box = el("div", { className: `pg-msg bot kind-${m.kind}`, "data-n": String(item.n) });
    box.append(
      el("div", { className: "pg-time" }, shortTime(item.at), item.updated ? ` · ${w("chatUpdated")}` : ""),
    );
    if (m.kind === "text") box.append(el("div", { className: "bubble text" }, ...linkified(m.text)));
    else if (m.kind === "markdown") box.append(el("div", { className: "bubble" }, markdown(m.markdown)));
    else if (m.kind === "card") box.append(card(m.card, item));
    else if (m.kind === "image")
      box.append(
        el(
          "div",
          { className: "bubble" },
          el("img", { src: m.download, alt: w("chatImage"), loading: "lazy" }),
        ),
      );
    else
      box.append(
        el(
          "div",
          { className: "bubble file" },
          w("chatFile", { name: m.fileName, size: sizeText(m.bytes) }),
          " ",
          el("a", { href: m.download, download: m.fileName }, w("chatDownload")),
        ),
      );
    return box;
  }

  function card(c, item) {
    const box = el("div", { className: "card" }, el("div", { className: "card-title" }, c.title));
    if (c.description) box.append(el("div", { className: "card-desc" }, ...linkified(c.description)));
    if (c.fields.length > 0)
      box.append(
        el(
          "dl",
          { className: "card-fields" },
          c.fields.map((f) => [el("dt", {}, f.label), el("dd", {}, ...linkified(f.value))]),
        ),
      );
    if (item.closedWith)
      box.append(el("div", { className: "card-closed" }, w("chatClosed", { label: item.closedWith })));
    else if (c.buttons.length > 0)
      box.append(
        el(
          "div",
          { className: "card-buttons" },
          c.buttons.map((b) =>
            el(
              "button",
              {
                type: "button",
                className: b.style === "default" ? "" : b.style,
                "data-action": b.key,
                onclick: (event) => {
                  event.target.disabled = true;
                  click(item.cardId, b.key);
                },
              },
              b.text,
            ),
          ),
        ),
      );
    // Only a web address or a path of this service becomes a link (never javascript: or data:).
    if (c.url && /^(https?:\/\/|\/)/.test(c.url))
      box.append(el("a", { className: "card-link", href: c.url, target: "_blank", rel: "noopener" }, c.url));
    return box;
  }

  function personMessage(item) {
    const text =
      item.kind === "card-action"
        ? w("chatClicked", { label: item.label ?? item.actionKey })
        : item.kind === "file"
          ? w("chatFile", { name: item.text ?? "", size: "" })
          : (item.text ?? "");
    return el(
      "div",
      { className: `pg-msg person kind-${item.kind}` },
      el("div", { className: "pg-time" }, shortTime(item.at)),
      el("div", { className: "bubble" }, text),
    );
  }

  function renderChat() {
    const person = personById(state.person);
    const chat = state.data.chat ?? [];
    const key = JSON.stringify([state.person, chat]);
    if (key === state.shown.chat) return;
    state.shown.chat = key;
    const atBottom = chatList.scrollHeight - chatList.scrollTop - chatList.clientHeight < 40;
    chatHead.replaceChildren(
      person
        ? el(
            "div",
            {},
            el("h2", {}, w("chatWith", { name: person.name })),
            el("span", {}, person.unit ? `${person.unit} · ${roleWord(person)}` : roleWord(person)),
          )
        : el("h2", {}, w("pickPerson")),
    );
    input.disabled = sendButton.disabled = !person;
    for (const button of quick.querySelectorAll("button")) button.disabled = !person;
    chatList.replaceChildren(
      ...(person && chat.length === 0 ? [el("p", { className: "pg-empty" }, w("chatEmpty"))] : []),
      ...chat.map((item) => (item.side === "bot" ? botMessage(item) : personMessage(item))),
    );
    // Another person's chat opens at its latest message; the same one stays where its reader is.
    if (atBottom || state.shown.chatPerson !== state.person) chatList.scrollTop = chatList.scrollHeight;
    state.shown.chatPerson = state.person;
  }

  function renderClock() {
    const clock = state.data.clock;
    const now = Date.parse(clock.now) + (Date.now() - state.fetchedAt) * clock.speed;
    const { date, time } = longTime(now);
    const face = clockBox.querySelector(".pg-face");
    const shownKey = JSON.stringify([clock.controllable, clock.speed]);
    if (face && clockBox.dataset.key === shownKey) {
      face.querySelector(".date").textContent = date;
      face.querySelector(".time").textContent = time;
      return;
    }
    clockBox.dataset.key = shownKey;
    const controls = clock.controllable
      ? [
          el(
            "div",
            { className: "pg-speeds", role: "group", "aria-label": w("clockTitle") },
            clock.speeds.map((speed) =>
              el(
                "button",
                {
                  type: "button",
                  "data-speed": String(speed),
                  className: speed === clock.speed ? "current" : "",
                  "aria-pressed": speed === clock.speed ? "true" : "false",
                  onclick: () => moveClock({ action: "speed", speed }),
                },
                speed === 0 ? w("clockPause") : `${speed}×`,
              ),
            ),
          ),
          el(
            "div",
            { className: "pg-jumps" },
            el(
              "button",
              { type: "button", id: "pg-hour", onclick: () => moveClock({ action: "hour" }) },
              w("clockHour"),
            ),
            el(
              "button",
              {
                type: "button",
                id: "pg-next",
                className: "primary",
                onclick: () => moveClock({ action: "next" }),
              },
              w("clockNext"),
            ),
          ),
        ]
      : [el("p", { className: "pg-muted" }, w("clockReal"))];
    clockBox.replaceChildren(
      el(
        "h2",
        {},
        w("clockTitle"),
        " ",
        el("small", {}, clock.speed === 0 ? w("clockPaused") : w("clockSpeed", { speed: clock.speed })),
      ),
      el(
        "div",
        { className: "pg-face" },
        el("span", { className: "date" }, date),
        el("span", { className: "time" }, time),
      ),
      ...controls,
    );
  }

  async function moveClock(body) {
    try {
      const answer = await post("/playground/clock", body);
      if (body.action === "next" && !answer.moved)
        clockBox.append(el("p", { className: "pg-muted" }, w("clockNextNone")));
    } catch (error) {
      clockBox.append(el("p", { className: "pg-error" }, error.message));
    }
    await refresh();
  }

  function summary(m) {
    if (!m) return "";
    if (m.kind === "text") return m.text;
    if (m.kind === "markdown") return `[markdown] ${m.title}`;
    if (m.kind === "card") return `[卡片] ${m.card.title}`;
    if (m.kind === "image") return `[${w("chatImage")}]`;
    return `[文件] ${m.fileName}`;
  }

  function feedRow(time, who, what, personId) {
    return el(
      "li",
      {},
      el("span", { className: "pg-time" }, time),
      personId
        ? el("button", { type: "button", className: "linkish", onclick: () => pick(personId) }, who)
        : el("span", { className: "who" }, who),
      el("span", { className: "what" }, what.length > 80 ? `${what.slice(0, 80)}…` : what),
    );
  }

  function renderFeed() {
    const feed = state.data.feed;
    const key = JSON.stringify([state.tab, feed]);
    if (key === state.shown.feed) return;
    state.shown.feed = key;
    tabs.replaceChildren(
      ...[
        ["outbox", w("outboxTitle")],
        ["audit", w("auditTitle")],
      ].map(([tab, label]) =>
        el(
          "button",
          {
            type: "button",
            role: "tab",
            "aria-selected": state.tab === tab ? "true" : "false",
            className: state.tab === tab ? "current" : "",
            onclick: () => {
              state.tab = tab;
              renderFeed();
            },
          },
          label,
        ),
      ),
    );
    if (state.tab === "outbox") {
      const sent = feed.sent.map((s) => feedRow(shortTime(s.at), s.name, summary(s.message), s.to));
      feedBox.replaceChildren(
        el("h3", {}, w("outboxWaiting", { count: feed.waiting.count })),
        el(
          "ul",
          { className: "pg-rows waiting" },
          feed.waiting.next.map((m) => feedRow(shortTime(m.at), m.name, summary(m.message), m.to)),
        ),
        el("h3", {}, w("outboxSent")),
        sent.length > 0
          ? el("ul", { className: "pg-rows sent" }, sent)
          : el("p", { className: "pg-muted" }, w("outboxEmpty")),
      );
    } else {
      const rows = feed.audit.map((e) =>
        feedRow(
          shortTime(e.at),
          e.actorName ?? (e.actor === "system" ? w("system") : e.actor),
          [words[`audit.${e.action}`] ?? e.action, e.taskNo ? `#${e.taskNo}` : "", e.unit ?? ""]
            .filter(Boolean)
            .join(" "),
        ),
      );
      feedBox.replaceChildren(
        rows.length > 0
          ? el("ul", { className: "pg-rows audit" }, rows)
          : el("p", { className: "pg-muted" }, w("auditEmpty")),
      );
    }
  }

  // ---- the loop ----
  let busy = false;
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      const query = new URLSearchParams();
      if (state.people.length === 0) query.set("people", "1");
      if (state.person) query.set("person", state.person);
      const response = await fetch(`/playground/state?${query}`, { headers: { accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      if (data.people) state.people = data.people;
      state.data = data;
      state.fetchedAt = Date.now();
      root.dataset.ready = "1";
      renderTop();
      renderPeople();
      renderChat();
      renderClock();
      renderFeed();
    } finally {
      busy = false;
    }
  }

  refresh();
  setInterval(refresh, POLL_MS);
  setInterval(() => state.data && renderClock(), 250);
})();
