// Strings for the delivery pages. `es` is typed from `en`: a missing Spanish key fails typecheck.
const en = {
  placeholder: "",
};

const es: typeof en = {
  placeholder: "",
};

export default { en, es };
