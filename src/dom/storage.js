// See storage.rs: the page's localStorage, every failure (no storage, storage disabled,
// private mode, quota) taken as "nothing stored" or "not stored".
export function read(key) {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function write(key, value) {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
