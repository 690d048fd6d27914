// React switches of two libraries, mounted on every [data-react-switch] element of a practice
// settings page. The mount's data-library picks the library ("radix" or "headless"), data-checked
// the first state, data-label-id the element that names the switch (aria-labelledby), a disabled
// attribute a greyed-out switch. A change is told to the page's own script as a "practice-change"
// event on the mount (detail: {on}). window.practiceMountSwitches(root) mounts those drawn later.
import React, { useState } from "react";
import { createRoot } from "react-dom/client";
import * as RadixSwitch from "@radix-ui/react-switch";
import { Switch as HeadlessSwitch } from "@headlessui/react";

function Practice({ mount }) {
  const [on, setOn] = useState(mount.dataset.checked === "true");
  const labelledBy = mount.dataset.labelId || undefined;
  const disabled = mount.hasAttribute("disabled");
  const change = (value) => {
    setOn(value);
    mount.dispatchEvent(new CustomEvent("practice-change", { detail: { on: value }, bubbles: true }));
  };
  if (mount.dataset.library === "headless") {
    return (
      <HeadlessSwitch checked={on} onChange={change} aria-labelledby={labelledBy} disabled={disabled}
        className="hl-switch">
        <span className="hl-knob" aria-hidden="true" />
      </HeadlessSwitch>
    );
  }
  return (
    <RadixSwitch.Root checked={on} onCheckedChange={change} aria-labelledby={labelledBy}
      disabled={disabled} className="rx-switch">
      <RadixSwitch.Thumb className="rx-thumb" />
    </RadixSwitch.Root>
  );
}

function mountAll(root) {
  root.querySelectorAll("[data-react-switch]:not([data-mounted])").forEach((mount) => {
    mount.setAttribute("data-mounted", "");
    createRoot(mount).render(<Practice mount={mount} />);
  });
}

window.practiceMountSwitches = mountAll;
mountAll(document);
