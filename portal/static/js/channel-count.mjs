// The Design System's character count for the text of a post and of each part
// of a thread, counting as the chosen channel counts (approvals/posts/channels.py,
// which this mirrors and which the server checks again: the page carries each
// channel's limit and way of counting), its limit changing with the channel.
// tests/browser/test_channel_count.py checks both give the same lengths.

const LINK_LENGTH = 23;
const LINK = new RegExp(
  String.raw`(?<![\w@.\-/])(?:https?://[^\s<>"]+|(?:[a-z0-9-]+\.)+` +
    String.raw`(?:uk|com|org|net|gov|int|eu|io|info|co|scot|wales|cymru|ie|blog|news|app|dev)` +
    String.raw`(?![a-z0-9@-])(?:/[^\s<>"]*)?)`,
  "giu",
);
const TRAILING = /[.,;:!?)\]}'"\u2019\u201d]+$/u;
const HEAVY = /[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]/gu;
const MODIFIERS = "\ufe0e\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}";
const EMOJI = new RegExp(
  `[\\u{1f1e6}-\\u{1f1ff}]{2}` +
    `|(?:[\\u{1f000}-\\u{1faff}\\u2600-\\u27bf\\u2300-\\u23ff\\u2b00-\\u2bff]|.(?=[${MODIFIERS}]))` +
    `(?:[${MODIFIERS}]|\\u200d.)*`,
  "gsu",
);

function xWeight(text) {
  let emoji = 0;
  const rest = text.replace(EMOJI, () => {
    emoji += 1;
    return "";
  });
  return [...rest].length + (rest.match(HEAVY) || []).length + 2 * emoji;
}

function pageRules() {
  const script = document.getElementById("channel-rules");
  return script ? JSON.parse(script.textContent) : {};
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
const utf8 = new TextEncoder();

export function postLength(text, channel, rules = pageRules()) {
  const normalised = text.normalize("NFC");
  const counts = rules[channel]?.counts;
  if (counts === "GRAPHEMES") {
    return [...graphemes.segment(normalised)].length;
  }
  if (counts === "EMOJI_AS_BYTES") {
    let length = [...normalised].length;
    for (const match of normalised.matchAll(EMOJI)) {
      length += utf8.encode(match[0]).length - [...match[0]].length;
    }
    return length;
  }
  if (counts !== "X") {
    return [...normalised].length;
  }
  let total = 0;
  let position = 0;
  for (const match of normalised.matchAll(LINK)) {
    total += xWeight(normalised.slice(position, match.index)) + LINK_LENGTH;
    position = match.index + match[0].replace(TRAILING, "").length;
  }
  return total + xWeight(normalised.slice(position));
}

function plural(count, word) {
  return `${count.toLocaleString("en-GB")} ${word}${count === 1 ? "" : "s"}`;
}

export function initChannelCount() {
  const rules = pageRules();
  const channels = document.querySelectorAll("input[name=channel]");
  document
    .querySelectorAll("textarea[data-channel-count]")
    .forEach((textarea) => countFor(textarea, rules, channels));
}

function countFor(textarea, rules, channels) {
  const message = document.createElement("div");
  message.id = `${textarea.id}-count`;
  message.className = "govuk-hint govuk-character-count__message";
  message.setAttribute("aria-hidden", "true");
  // Screen readers hear the count once typing pauses, not at every key.
  const status = document.createElement("div");
  status.className = "govuk-character-count__sr-status govuk-visually-hidden";
  status.setAttribute("aria-live", "polite");
  textarea.after(message, status);
  let announce;

  function describe() {
    const chosen = [...channels].find((radio) => radio.checked)?.value;
    const limit = chosen ? rules[chosen]?.limit : null;
    const length = postLength(textarea.value, chosen || "", rules);
    if (!chosen) {
      return { text: "Choose where it will go out to see how many characters you have", over: false };
    }
    if (!limit) {
      return { text: `${plural(length, "character")}: no limit for this channel`, over: false };
    }
    const left = limit - length;
    return left >= 0
      ? { text: `You have ${plural(left, "character")} remaining`, over: false }
      : { text: `You have ${plural(-left, "character")} too many`, over: true };
  }

  function update() {
    const { text, over } = describe();
    message.textContent = text;
    message.classList.toggle("govuk-error-message", over);
    message.classList.toggle("govuk-hint", !over);
    textarea.classList.toggle("govuk-textarea--error", over);
    clearTimeout(announce);
    announce = setTimeout(() => {
      status.textContent = text;
    }, 1000);
  }

  textarea.addEventListener("input", update);
  channels.forEach((radio) => radio.addEventListener("change", update));
  update();
  status.textContent = message.textContent;
}
