/** The home page's snippet names this service's own origin, so it can be copied as it is. */
for (const slot of document.querySelectorAll("[data-origin]")) {
  slot.textContent = location.origin;
}
