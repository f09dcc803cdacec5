//! The state file: round trips, two processes saving into it at once (no lost update), and
//! every way it can be damaged (items 42 and 63–67 of the bad-input catalogue). Every test
//! works in a temporary folder.

use std::path::Path;

use folio::memory::store::Store;
use folio::memory::{Anchor, Memory};
use proptest::prelude::*;

fn at(block: u32) -> Anchor {
    Anchor { block, offset: 0, text: format!("text {block}"), section: String::new() }
}

fn temps(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map_or(0, |d| d.flatten().filter(|e| e.file_name().to_string_lossy().contains(".tmp")).count())
}

#[derive(Clone, Debug)]
enum Op {
    Position { process: usize, article: u8, block: u32 },
    Mark { process: usize, article: u8, letter: char, block: Option<u32> },
    Save(usize),
    Reload(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..2usize, 0..3u8, 0..50u32).prop_map(|(process, article, block)| Op::Position { process, article, block }),
        (0..2usize, 0..3u8, prop_oneof![Just('a'), Just('b'), Just('Z')], prop::option::of(0..50u32))
            .prop_map(|(process, article, letter, block)| Op::Mark { process, article, letter, block }),
        (0..2usize).prop_map(Op::Save),
        (0..2usize).prop_map(Op::Reload),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Two folio processes opening, marking, saving and reloading in any order: once both
    /// have saved, the file holds, for every position and mark, the last change either made.
    #[test]
    fn two_processes_lose_no_mark_or_position(ops in prop::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("folio");
        let mut stores = [Store::at(folder.clone()), Store::at(folder.clone())];
        let mut minds = [stores[0].load().memory, stores[1].load().memory];
        // The newest change of each key, by whichever process made it.
        let mut truth = Memory::default();
        let mut clock = 0u64;
        for op in ops {
            clock += 1;
            match op {
                Op::Position { process, article, block } => {
                    let key = format!("/a{article}.md");
                    minds[process].set_position(&key, at(block), clock);
                    truth.set_position(&key, at(block), clock);
                }
                Op::Mark { process, article, letter, block } => {
                    let key = format!("/a{article}.md");
                    minds[process].set_mark(&key, letter, block.map(at), clock);
                    truth.set_mark(&key, letter, block.map(at), clock);
                }
                Op::Save(p) => minds[p] = stores[p].save(&minds[p]).unwrap(),
                Op::Reload(p) => {
                    let mut disk = stores[p].load().memory;
                    disk.merge(&minds[p]);
                    minds[p] = disk;
                }
            }
        }
        for p in 0..2 {
            minds[p] = stores[p].save(&minds[p]).unwrap();
        }
        let disk = stores[0].load();
        prop_assert!(disk.warning.is_none());
        prop_assert_eq!(&disk.memory.positions, &truth.positions);
        let live = |m: &Memory| m.all_marks(None).into_iter().chain(["/a0.md", "/a1.md", "/a2.md"].iter().flat_map(|a| {
            m.all_marks(Some(a)).into_iter().filter(|(c, _, _)| c.is_ascii_lowercase()).collect::<Vec<_>>()
        })).collect::<Vec<_>>();
        prop_assert_eq!(live(&disk.memory), live(&truth));
        prop_assert_eq!(temps(&folder), 0);
    }
}

#[test]
fn bad_63_a_damaged_state_is_kept_aside_and_folio_starts_empty() {
    for damaged in [&b"{\"bookmarks\": ["[..], b"\x00\xff\x13random bytes", b"", b"{\"version\":99}"] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("folio");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("state.json"), damaged).unwrap();
        let mut store = Store::at(folder.clone());
        let loaded = store.load();
        let warning = loaded.warning.expect("a warning");
        assert!(warning.contains("damaged") && warning.contains("state.json.corrupt-"), "{warning}");
        assert_eq!(loaded.memory, Memory::default());
        // Kept, never overwritten: the damaged bytes are still there after a save.
        let mut m = loaded.memory;
        m.set_mark("/a.md", 'a', Some(at(1)), 1);
        store.save(&m).unwrap();
        let kept: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("state.json.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(std::fs::read(kept[0].path()).unwrap(), damaged);
        assert!(store.load().memory.mark("/a.md", 'a').is_some());
    }
}

#[test]
fn bad_64_a_failed_save_is_a_message_and_the_old_file_stays() {
    let dir = tempfile::tempdir().unwrap();
    // The state folder's place is taken by a file: nothing can be written there.
    let blocked = dir.path().join("folio");
    std::fs::write(&blocked, "not a folder").unwrap();
    let store = Store::at(blocked.clone());
    let mut m = Memory::default();
    m.set_mark("/a.md", 'a', Some(at(1)), 1);
    assert!(store.save(&m).is_err());
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "not a folder");
    // A good file stays whole when a later save cannot finish (its folder made read-only;
    // root ignores permissions, so then the check is only that nothing broke).
    let folder = dir.path().join("ok");
    let mut store = Store::at(folder.clone());
    store.save(&m).unwrap();
    let before = std::fs::read(folder.join("state.json")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    m.set_mark("/a.md", 'b', Some(at(2)), 2);
    let result = store.save(&m);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    if result.is_err() {
        assert_eq!(std::fs::read(folder.join("state.json")).unwrap(), before);
    }
    assert_eq!(temps(&folder), 0, "no temporary file left behind");
    assert!(store.load().warning.is_none());
}

/// The child of [`bad_42_65_killed_mid_save_leaves_the_old_or_the_new_file`]: saves marks in
/// a loop until it is killed.
#[test]
fn saver_child() {
    let Some(dir) = std::env::var_os("FOLIO_TEST_SAVER") else { return };
    let store = Store::at(dir.into());
    let mut m = Memory::default();
    for i in 0u64.. {
        // A sizeable file, so that a kill often lands in the middle of a write.
        for k in 0..200u32 {
            m.set_position(&format!("/article-{k}.md"), at(k + i as u32), i * 1000 + k as u64 + 1);
        }
        m.set_mark("/a.md", 'a', Some(at(i as u32)), i * 1000 + 999);
        let _ = store.save(&m);
    }
}

#[test]
fn bad_42_65_killed_mid_save_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folio");
    let exe = std::env::current_exe().unwrap();
    let mut rng = 12345u64;
    for _ in 0..200 {
        let mut child = std::process::Command::new(&exe)
            .args(["--exact", "saver_child", "--nocapture", "--test-threads", "1"])
            .env("FOLIO_TEST_SAVER", &folder)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        std::thread::sleep(std::time::Duration::from_micros(2000 + (rng >> 33) % 20_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let loaded = Store::at(folder.clone()).load();
        assert!(loaded.warning.is_none(), "{:?}", loaded.warning);
    }
    // The next save clears what killed writers left behind.
    let store = Store::at(folder.clone());
    store.save(&Memory::default()).unwrap();
    assert_eq!(temps(&folder), 0);
}

#[test]
fn bad_66_two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folio");
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let folder = folder.clone();
            std::thread::spawn(move || {
                let store = Store::at(folder);
                let mut m = Memory::default();
                for i in 0..50u64 {
                    m.set_position(&format!("/t{t}-{i}.md"), at(i as u32), i + 1);
                    m = store.save(&m).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let m = Store::at(folder).load().memory;
    assert_eq!(m.positions.len(), 100, "every position of both writers");
}
