/* Kansrijk chat widget: one script tag on a school website, talks to Rasa over socket.io.
 *
 *   <script src="https://HOST/static/kansrijk-widget.js" defer
 *           data-school="DEMO01" data-color="#1d4ed8" data-lang="nl"
 *           data-rasa-url="https://RASA-HOST"></script>
 *
 * Every text from the bot or the student is inserted with textContent, never as HTML.
 * The server issues the conversation id and its secret (bot/rasa_ext/socketio_channel.py);
 * they and the messages shown live in sessionStorage only, never in a global: a reload
 * keeps the conversation, closing the tab forgets it on this device.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.KansrijkWidget) return;

  var BASE = new URL(".", script.src).href; // .../static/
  var APP = new URL("..", BASE).href;        // the web app that serves the widget
  var ds = script.dataset;
  var school = (ds.school || "").slice(0, 32);
  var lang = ds.lang === "en" ? "en" : "nl";
  var rasaUrl = ds.rasaUrl || "http://localhost:5005";
  var initPayload = ds.initPayload === undefined ? "/greet" : ds.initPayload;
  var storeKey = "kansrijk:" + school;

  var TEXTS = {
    nl: {
      launcher: "Chat met Kansrijk",
      title: "Kansrijk",
      close: "Chat sluiten",
      fresh: "Nieuw gesprek",
      freshLabel: "Nieuw gesprek beginnen en dit gesprek wissen",
      privacy: "Kansrijk is een computerprogramma: het vraagt nooit je naam, en je school ziet alleen iets als jij dat goed vindt.",
      privacyLink: "Lees meer over je privacy",
      research: "Je school doet mee aan onderzoek naar hoe Kansrijk het beste helpt. We gebruiken alleen getallen, nooit wie jij bent. Wil je niet meedoen? Typ: ik wil niet meedoen aan onderzoek.",
      log: "Gesprek met Kansrijk",
      you: "Jij: ",
      bot: "Kansrijk: ",
      input: "Typ je bericht",
      placeholder: "Typ je bericht…",
      send: "Verstuur",
      typing: "Kansrijk typt…",
      choices: "Kies een antwoord",
      offline: "Geen verbinding. Ik probeer het opnieuw…",
      online: "Weer verbonden.",
      open: "Open",
      other: "English",
      otherLabel: "Switch to English"
    },
    en: {
      launcher: "Chat with Kansrijk",
      title: "Kansrijk",
      close: "Close chat",
      fresh: "New chat",
      freshLabel: "Start a new chat and clear this one",
      privacy: "Kansrijk is a computer program: it never asks your name, and your school only sees something if you agree.",
      privacyLink: "Read more about your privacy",
      research: "Your school takes part in research on how Kansrijk helps best. We only use numbers, never who you are. Don't want to take part? Type: I don't want to take part in research.",
      log: "Chat with Kansrijk",
      you: "You: ",
      bot: "Kansrijk: ",
      input: "Type your message",
      placeholder: "Type your message…",
      send: "Send",
      typing: "Kansrijk is typing…",
      choices: "Choose an answer",
      offline: "No connection. Trying again…",
      online: "Connected again.",
      open: "Open",
      other: "Nederlands",
      otherLabel: "Verder in het Nederlands"
    }
  };
  var TEXT = TEXTS[lang];

  // ---- state kept across reloads (same tab only) ----------------------------------
  // id and secret stay null until the server confirms a conversation.
  function blank(isOpen) {
    return { id: null, secret: null, messages: [], open: isOpen };
  }

  function load() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(storeKey) || "null");
      if (saved && Array.isArray(saved.messages)) {
        if (typeof saved.id !== "string" || typeof saved.secret !== "string") {
          saved.id = null; // from an older widget: the server gives a new conversation
          saved.secret = null;
        }
        return saved;
      }
    } catch (e) { /* storage blocked or corrupt: start fresh */ }
    return blank(false);
  }

  function save() {
    try { window.sessionStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* ignore */ }
  }

  var state = load();
  // A language chosen with the button holds across reloads of the page.
  if (state.lang === "en" || state.lang === "nl") { lang = state.lang; TEXT = TEXTS[lang]; }

  // ---- colours: keep text on the brand colour at 4.5:1 or better --------------------
  function luminance(hex) {
    var m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return null;
    var n = parseInt(m[1], 16);
    return [n >> 16, (n >> 8) & 255, n & 255].map(function (c) {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }).reduce(function (sum, c, i) { return sum + c * [0.2126, 0.7152, 0.0722][i]; }, 0);
  }

  function contrast(a, b) {
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  var color = luminance(ds.color) === null ? "#1d4ed8" : ds.color;
  var onColor = contrast(luminance(color), 1) >= 4.5 ? "#ffffff" : "#111111";
  // The brand colour is also used for text on white (links, button borders).
  var colorOnWhite = contrast(luminance(color), 1) >= 4.5 ? color : "#1d4ed8";

  // ---- DOM ---------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var css = el("link", { rel: "stylesheet", href: BASE + "kansrijk-widget.css" });
  document.head.appendChild(css);

  var root = el("div", { "class": "kr-root", lang: lang });
  root.style.setProperty("--kr-color", color);
  root.style.setProperty("--kr-on-color", onColor);
  root.style.setProperty("--kr-color-text", colorOnWhite);

  var launcher = el("button", {
    type: "button", "class": "kr-launcher", "aria-expanded": "false", "aria-controls": "kr-panel"
  }, T("launcher"));

  var panel = el("section", { id: "kr-panel", "class": "kr-panel", "aria-labelledby": "kr-title" });
  panel.hidden = true;

  var header = el("div", { "class": "kr-header" });
  var title = el("h2", { id: "kr-title", "class": "kr-title" }, T("title"));
  var freshButton = el("button", { type: "button", "class": "kr-fresh", "aria-label": T("freshLabel") }, T("fresh"));
  var closeButton = el("button", { type: "button", "class": "kr-close", "aria-label": T("close") });
  closeButton.appendChild(el("span", { "aria-hidden": "true" }, "\u00d7"));
  // The language button: the widget's own labels switch at once, and the assistant hears
  // it as `lang` metadata with a switch_language message (actions/language.py).
  var langButton = el("button", { type: "button", "class": "kr-lang", lang: lang === "en" ? "nl" : "en",
    "aria-label": T("otherLabel") }, T("other"));
  header.appendChild(title);
  header.appendChild(langButton);
  header.appendChild(freshButton);
  header.appendChild(closeButton);

  var privacy = el("p", { "class": "kr-privacy" });
  privacy.appendChild(document.createTextNode(T("privacy") + " "));
  var privacyLink = el("a", { href: APP + "privacy", target: "_blank", rel: "noopener" }, T("privacyLink"));
  privacy.appendChild(privacyLink);

  // When the school runs an experiment (bot/experiments), the note says so before the
  // student types anything. Without an answer there is no sentence; the privacy answer
  // in the chat says it too.
  function announceResearch() {
    if (!school || !window.fetch) return;
    window.fetch(APP + "widget/research?school=" + encodeURIComponent(school), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.research === true && !privacy.querySelector(".kr-research")) {
          privacy.insertBefore(el("span", { "class": "kr-research" }, T("research") + " "), privacyLink);
        }
      })
      .catch(function () { /* offline or blocked: see above */ });
  }

  var status = el("p", { "class": "kr-status", role: "status" });
  var log = el("div", { "class": "kr-log", role: "log", "aria-live": "polite", "aria-label": T("log"), tabindex: "0" });
  var typing = el("div", { "class": "kr-typing", "aria-hidden": "true" });
  typing.hidden = true;
  typing.appendChild(el("span", { "class": "kr-dot" }));
  typing.appendChild(el("span", { "class": "kr-dot" }));
  typing.appendChild(el("span", { "class": "kr-dot" }));
  typing.appendChild(el("span", { "class": "kr-sr" }, T("typing")));

  var form = el("form", { "class": "kr-form" });
  var input = el("input", {
    id: "kr-input", type: "text", autocomplete: "off", maxlength: "1000", placeholder: T("placeholder")
  });
  var label = el("label", { "for": "kr-input", "class": "kr-sr" }, T("input"));
  var send = el("button", { type: "submit", "class": "kr-send" }, T("send"));
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);

  [header, privacy, status, log, typing, form].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(panel);
  root.appendChild(launcher);

  function T(key) { return TEXT[key]; }

  // ---- rendering -----------------------------------------------------------------------
  function render(message) {
    var item = el("div", { "class": "kr-msg kr-" + message.from });
    item.appendChild(el("span", { "class": "kr-sr" }, message.from === "user" ? T("you") : T("bot")));
    if (message.text) item.appendChild(el("span", { "class": "kr-text" }, message.text));
    (message.cards || []).forEach(function (card) { item.appendChild(renderCard(card)); });
    log.appendChild(item);
    if (message.buttons && message.buttons.length) {
      log.appendChild(renderButtons(message.buttons));
    }
    log.scrollTop = log.scrollHeight;
  }

  function renderCard(card) {
    var box = el("div", { "class": "kr-card" });
    if (card.title) box.appendChild(el("p", { "class": "kr-card-title" }, String(card.title)));
    if (card.subtitle) box.appendChild(el("p", { "class": "kr-card-subtitle" }, String(card.subtitle)));
    if (Array.isArray(card.lines) && card.lines.length) {
      var list = el("ul", { "class": "kr-card-lines" });
      card.lines.forEach(function (line) { list.appendChild(el("li", {}, String(line))); });
      box.appendChild(list);
    }
    var href = typeof card.link === "string" ? card.link : card.link && card.link.url;
    // Only web links: a javascript: or data: URL from a listing must never become clickable.
    if (href && /^https?:\/\//i.test(href)) {
      var text = (card.link && card.link.title) || (lang === "en" ? "More information" : "Meer informatie");
      box.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, String(text)));
    }
    return box;
  }

  function renderButtons(buttons) {
    var group = el("div", { "class": "kr-choices", role: "group", "aria-label": T("choices") });
    buttons.forEach(function (button) {
      var b = el("button", { type: "button", "class": "kr-choice" }, String(button.title));
      b.addEventListener("click", function () {
        clearChoices();
        say(String(button.payload), String(button.title));
        input.focus();
      });
      group.appendChild(b);
    });
    return group;
  }

  function clearChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".kr-choices"), function (g) { g.remove(); });
    state.messages.forEach(function (m) { delete m.buttons; });
    save();
  }

  function redraw() {
    log.textContent = "";
    state.messages.forEach(render);
  }

  function remember(message) {
    state.messages.push(message);
    if (state.messages.length > 200) state.messages.splice(0, state.messages.length - 200);
    save();
  }

  // ---- socket.io ------------------------------------------------------------------------
  var socket = null;
  var ready = false;
  var asking = false;   // a session_request is waiting for its session_confirm
  var askAgain = false; // ... and the conversation changed meanwhile (new conversation)
  var pending = [];
  var typingTimer = null;
  var wasOffline = false;

  function showTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(function () { typing.hidden = true; }, 20000);
  }

  // One request at a time, so each session_confirm answers the latest one.
  function requestSession() {
    ready = false;
    if (asking) { askAgain = true; return; }
    asking = true;
    askAgain = false;
    var resume = state.id && state.secret ? { session_id: state.id, session_secret: state.secret } : {};
    socket.emit("session_request", resume);
  }

  function onSessionConfirm(granted) {
    asking = false;
    if (askAgain) { requestSession(); return; }
    if (!granted || typeof granted.session_id !== "string") return;
    // Either the conversation we asked for, or a new one (first visit, new conversation,
    // or the server no longer knows the old one).
    state.id = granted.session_id;
    state.secret = typeof granted.session_secret === "string" ? granted.session_secret : null;
    save();
    ready = true;
    if (wasOffline) { status.textContent = T("online"); wasOffline = false; }
    // Sent only now: Rasa answers into the conversation's room, which session_request joins.
    pending.splice(0).forEach(emitMessage);
  }

  function connect() {
    if (socket) return;
    socket = window.io(rasaUrl, {
      path: "/socket.io/",
      transports: ["websocket", "polling"],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000
    });
    socket.on("connect", requestSession);
    socket.on("session_confirm", onSessionConfirm);
    socket.on("bot_uttered", onBotMessage);
    socket.on("disconnect", function () {
      ready = false;
      asking = false; // a new connection asks again
      wasOffline = true;
      status.textContent = T("offline");
    });
    socket.on("connect_error", function () {
      wasOffline = true;
      status.textContent = T("offline");
    });
  }

  function emitMessage(text) {
    // No conversation id: the server takes the one this socket is bound to.
    socket.emit("user_uttered", { message: text, metadata: { school: school, lang: lang } });
  }

  function say(payload, shown) {
    if (shown) {
      var message = { from: "user", text: shown };
      remember(message);
      render(message);
    }
    showTyping(true);
    if (ready) emitMessage(payload); else pending.push(payload);
  }

  function onBotMessage(data) {
    if (!data || typeof data !== "object") return;
    var custom = data.custom || data.data || data;
    var cards = Array.isArray(custom.cards) ? custom.cards.filter(function (c) { return c && typeof c === "object"; }) : [];
    var buttons = (data.quick_replies || data.buttons || []).filter(function (b) {
      return b && b.title !== undefined && b.payload !== undefined;
    }).map(function (b) { return { title: String(b.title), payload: String(b.payload) }; });
    var text = typeof data.text === "string" ? data.text : "";
    if (!text && !cards.length && !buttons.length) return;
    var message = { from: "bot", text: text };
    if (cards.length) message.cards = cards;
    if (buttons.length) message.buttons = buttons;
    remember(message);
    render(message);
    showTyping(false);
  }

  // ---- open, close, new conversation ------------------------------------------------
  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.hidden = true;
    state.open = true;
    save();
    connect();
    if (!state.messages.length && initPayload) say(initPayload);
    input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    save();
    launcher.focus();
  }

  function fresh() {
    state = blank(true);
    state.lang = lang;
    save();
    log.textContent = "";
    pending = [];
    showTyping(false);
    if (socket && socket.connected) requestSession();
    if (initPayload) say(initPayload);
    input.focus();
  }

  function switchLanguage() {
    var shown = T("other");
    lang = lang === "en" ? "nl" : "en";
    TEXT = TEXTS[lang];
    state.lang = lang;
    save();
    root.setAttribute("lang", lang);
    langButton.textContent = T("other");
    langButton.setAttribute("lang", lang === "en" ? "nl" : "en");
    langButton.setAttribute("aria-label", T("otherLabel"));
    launcher.textContent = T("launcher");
    freshButton.textContent = T("fresh");
    freshButton.setAttribute("aria-label", T("freshLabel"));
    closeButton.setAttribute("aria-label", T("close"));
    privacy.firstChild.textContent = T("privacy") + " ";
    privacyLink.textContent = T("privacyLink");
    log.setAttribute("aria-label", T("log"));
    input.setAttribute("placeholder", T("placeholder"));
    label.textContent = T("input");
    send.textContent = T("send");
    clearChoices();
    say("/switch_language", shown);
  }

  launcher.addEventListener("click", open);
  langButton.addEventListener("click", switchLanguage);
  closeButton.addEventListener("click", close);
  freshButton.addEventListener("click", fresh);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    clearChoices();
    say(text, text);
  });

  function start() {
    document.body.appendChild(root);
    announceResearch();
    redraw();
    if (state.open) {
      panel.hidden = false;
      launcher.hidden = true;
      launcher.setAttribute("aria-expanded", "true");
      connect();
    }
  }

  function withSocketIo(callback) {
    if (window.io) return callback();
    var loader = el("script", { src: BASE + "vendor/socket.io.min.js" });
    loader.addEventListener("load", callback);
    document.head.appendChild(loader);
  }

  // Page scripts get controls, not the conversation's id or secret.
  window.KansrijkWidget = {
    open: open,
    close: close,
    newConversation: fresh,
    get socket() { return socket; }
  };

  withSocketIo(function () {
    if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
  });
})();
