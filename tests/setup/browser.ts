// A fresh, real-behaving IndexedDB for every test file (happy-dom has none of its own).
import 'fake-indexeddb/auto';
