// The thanks and confirm pages' only script (ADR 032): the share panel's "Copy link" button.
// Everything else on those pages is links and plain forms. Where the browser will not copy (an
// insecure address, an old phone), the link is selected in its field, ready to copy by hand.
for (const panel of document.querySelectorAll<HTMLElement>("[data-share-panel]")) {
  const input = panel.querySelector<HTMLInputElement>("input[readonly]");
  const button = panel.querySelector<HTMLButtonElement>("button[data-copy]");
  const live = panel.querySelector<HTMLElement>("[aria-live]");
  const copied = panel.dataset.copied ?? "";
  input?.addEventListener("focus", () => input.select());
  button?.addEventListener("click", () => {
    const selectByHand = () => {
      input?.focus();
      input?.select();
    };
    if (!input || !navigator.clipboard) return selectByHand();
    navigator.clipboard.writeText(input.value).then(() => {
      button.textContent = copied;
      if (live) live.textContent = copied;
    }, selectByHand);
  });
}
