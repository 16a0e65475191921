/**
 * Knows every course session of this window: course folders among the workspace folders (they hold
 * .gradlab/course.json), course folders started or opened this session without being added to the
 * workspace, and Preview as Learner copies. Loads each session's pack (from its recorded source) once
 * and reloads it when a pack manifest is saved. Tracks the "current" exercise (last opened / focused).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COURSE_DIR, COURSE_FILE, parseCourseRecord, type CourseRecord, type PackSource } from '../core/course-record';
import { packLayer } from '../lazy';
import { pathKey } from '../core/same-path';
import { exerciseKey, exerciseRefs, findRefByFile, findRefByFolder, type CourseSession, type ExerciseRef } from '../core/exercise-ref';

export class CourseRegistry implements vscode.Disposable {
  /** Keyed by pathKey(root): one session per folder however its path is spelled ("c:\\x" vs "C:\\X" on Windows). */
  private readonly sessions = new Map<string, CourseSession>();
  /** Roots to look at besides workspace folders (Start Course without opening, previews), by pathKey. */
  private readonly extraRoots = new Map<string, { root: string; kind: 'course' | 'preview' }>();
  private current: ExerciseRef | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly currentChanged = new vscode.EventEmitter<ExerciseRef | undefined>();
  /** Fires when sessions are added, removed or reloaded. */
  readonly onDidChange = this.changed.event;
  readonly onDidChangeCurrent = this.currentChanged.event;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly builtinPackDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  dispose(): void {
    this.changed.dispose();
    this.currentChanged.dispose();
  }

  /** Where a recorded pack source lives on this machine now. */
  resolveSource(source: PackSource): string {
    switch (source.kind) {
      case 'builtin': return this.builtinPackDir;
      case 'folder': return source.path;
      case 'archive': return source.extractedTo;
    }
  }

  all(): CourseSession[] {
    return [...this.sessions.values()];
  }

  /** (Re)scans workspace folders and extra roots. Concurrent callers share one scan. */
  refresh(): Promise<void> {
    this.loading ??= this.scan().finally(() => (this.loading = undefined));
    return this.loading;
  }

  async ready(): Promise<void> {
    if (this.loading) await this.loading;
  }

  /** Adds a course folder (or a preview copy) to the registry and loads it. */
  async addRoot(root: string, kind: 'course' | 'preview'): Promise<CourseSession | undefined> {
    this.extraRoots.set(pathKey(root), { root: path.resolve(root), kind });
    await this.refresh();
    return this.sessions.get(pathKey(root));
  }

  private async scan(): Promise<void> {
    const roots = new Map<string, { root: string; kind: 'course' | 'preview' }>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme === 'file') roots.set(pathKey(folder.uri.fsPath), { root: path.resolve(folder.uri.fsPath), kind: 'course' });
    }
    // The workspace folder's spelling of a path wins (it is what VS Code's document URIs use).
    for (const [key, { root, kind }] of this.extraRoots) roots.set(key, { root: roots.get(key)?.root ?? root, kind });
    const next = new Map<string, CourseSession>();
    for (const [key, { root, kind }] of roots) {
      const session = await this.loadSession(root, kind);
      if (session) next.set(key, session);
    }
    this.sessions.clear();
    for (const [key, session] of next) this.sessions.set(key, session);
    // Keep `current` pointing at the reloaded objects.
    if (this.current) this.current = this.findByFile(this.current.learnerFile);
    this.changed.fire();
  }

  private async loadSession(root: string, kind: 'course' | 'preview'): Promise<CourseSession | undefined> {
    const recordFile = path.join(root, COURSE_DIR, COURSE_FILE);
    let text: string;
    try {
      text = await fs.promises.readFile(recordFile, 'utf8');
    } catch {
      return undefined; // not a course folder: nothing to say
    }
    const parsed = parseCourseRecord(text);
    if (!parsed.record) {
      this.log.warn(`${recordFile}: ${parsed.error}; this folder is not treated as a GradLab course.`);
      return undefined;
    }
    const record: CourseRecord = parsed.record;
    const packDir = this.resolveSource(record.source);
    const { loadPack, PackLoadError, formatProblem } = await packLayer();
    try {
      const pack = await loadPack(packDir);
      return { root, record, pack, kind };
    } catch (e) {
      const detail = e instanceof PackLoadError ? e.problems.map(formatProblem).join('\n  ') : String(e);
      this.log.error(`Course ${root}: its pack ${packDir} does not load:\n  ${detail}`);
      return undefined;
    }
  }

  findByFile(file: string): ExerciseRef | undefined {
    return findRefByFile(this.all(), file);
  }

  /** The exercise a file belongs to (its learner file, README, or anything in its folder). */
  findForFile(file: string): ExerciseRef | undefined {
    return findRefByFile(this.all(), file) ?? findRefByFolder(this.all(), file);
  }

  findByKey(key: string): ExerciseRef | undefined {
    for (const session of this.all()) {
      const ref = exerciseRefs(session).find((r) => exerciseKey(r) === key);
      if (ref) return ref;
    }
    return undefined;
  }

  /** The session used when nothing is focused: the current exercise's, else the first course. */
  primarySession(): CourseSession | undefined {
    return this.current?.session ?? this.all().find((s) => s.kind === 'course') ?? this.all()[0];
  }

  getCurrent(): ExerciseRef | undefined {
    return this.current;
  }

  setCurrent(ref: ExerciseRef | undefined): void {
    if (ref && this.current && exerciseKey(ref) === exerciseKey(this.current) && ref.session.root === this.current.session.root) return;
    this.current = ref;
    this.currentChanged.fire(ref);
  }

  /** The exercise a command acts on: an explicit file/URI/key argument, the active editor, or the current one. */
  resolveTarget(arg?: unknown): ExerciseRef | undefined {
    if (typeof arg === 'string') return this.findByKey(arg) ?? this.findForFile(arg);
    if (arg instanceof vscode.Uri) return this.findForFile(arg.fsPath);
    if (arg && typeof arg === 'object') {
      const a = arg as { file?: unknown; key?: unknown; uri?: unknown; ref?: { learnerFile?: unknown } };
      if (typeof a.key === 'string') return this.findByKey(a.key);
      // A node of the GradLab tree view (context-menu commands receive it).
      if (typeof a.ref?.learnerFile === 'string') return this.findByFile(a.ref.learnerFile);
      if (typeof a.file === 'string') return this.findForFile(a.file);
      if (a.uri instanceof vscode.Uri) return this.findForFile(a.uri.fsPath);
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.scheme === 'file') {
      const ref = this.findForFile(editor.document.uri.fsPath);
      if (ref) return ref;
    }
    return this.current;
  }
}
