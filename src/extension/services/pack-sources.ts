/**
 * Where packs come from: the built-in course, folders and .zip archives (gradlab.packLocations, recently
 * opened, or browsed). Archives are unpacked into global storage. A pack that does not load (or needs a
 * newer pack format) is reported clearly, with its problems in the Problems view.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LoadedPack } from '../../pack';
import { archiveLayer, packLayer } from '../lazy';
import type { PackSource } from '../core/course-record';
import { errorMessage } from '../core/error-message';
import { samePath } from '../core/same-path';
import type { GradLabContext } from '../context';

const RECENT_KEY = 'gradlab.recentPacks';

export interface ResolvedPack {
  dir: string;
  source: PackSource;
}

export function isArchive(location: string): boolean {
  return /\.zip$/i.test(location);
}

/** A folder or .zip path → the folder holding pack.json (archives unpacked once, by content hash). */
export async function resolvePackLocation(ctx: GradLabContext, location: string): Promise<ResolvedPack> {
  if (location === 'builtin') return { dir: ctx.builtinPackDir, source: { kind: 'builtin' } };
  const absolute = path.resolve(location);
  if (samePath(absolute, ctx.builtinPackDir)) return { dir: absolute, source: { kind: 'builtin' } };
  if (!isArchive(absolute)) return { dir: absolute, source: { kind: 'folder', path: absolute } };
  const { archiveFolderName, unpackPackArchive } = await archiveLayer();
  const bytes = new Uint8Array(await fs.promises.readFile(absolute));
  const target = path.join(ctx.storageDir, 'packs', archiveFolderName(bytes));
  const dir = unpackPackArchive(bytes, target);
  ctx.log.info(`unpacked ${absolute} → ${dir}`);
  return { dir, source: { kind: 'archive', path: absolute, extractedTo: dir } };
}

/** Loads a pack or explains why not (returns undefined after telling the user). */
export async function loadPackOrExplain(ctx: GradLabContext, dir: string): Promise<LoadedPack | undefined> {
  const { loadPack, PackLoadError, PACK_FORMAT_VERSION, formatProblem } = await packLayer();
  try {
    const pack = await loadPack(dir);
    return pack;
  } catch (e) {
    if (!(e instanceof PackLoadError)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('GradLab could not read the pack in {0}: {1}', dir, errorMessage(e)));
      return undefined;
    }
    const tooNew = e.problems.find((p) => p.jsonPath === '/formatVersion' && p.message.startsWith('This pack needs'));
    if (tooNew) {
      void vscode.window.showErrorMessage(vscode.l10n.t('This pack needs a newer GradLab: {0} This GradLab reads pack format {1}. Update the GradLab extension, then open the pack again.', tooNew.message, PACK_FORMAT_VERSION), { modal: true });
      return undefined;
    }
    ctx.diagnostics.showPackProblems(dir, e.problems);
    ctx.log.error(`pack ${dir} does not load:\n  ${e.problems.map(formatProblem).join('\n  ')}`);
    const show = vscode.l10n.t('Show Problems');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('The pack in {0} has {1} problem(s) and cannot be used yet.', dir, e.problems.length), show);
    if (choice === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
}

export function recentPacks(ctx: GradLabContext): string[] {
  return ctx.extension.globalState.get<string[]>(RECENT_KEY, []);
}

export async function rememberPack(ctx: GradLabContext, location: string): Promise<void> {
  const list = [location, ...recentPacks(ctx).filter((l) => l !== location)].slice(0, 10);
  await ctx.extension.globalState.update(RECENT_KEY, list);
}

/** Browse for a pack folder or archive; undefined when cancelled. */
export async function browseForPack(kind: 'folder' | 'archive'): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: kind === 'folder',
    canSelectFiles: kind === 'archive',
    canSelectMany: false,
    filters: kind === 'archive' ? { [vscode.l10n.t('Pack archives')]: ['zip'] } : undefined,
    openLabel: vscode.l10n.t('Open Pack'),
    title: kind === 'folder' ? vscode.l10n.t('Choose a pack folder (it holds pack.json)') : vscode.l10n.t('Choose a pack archive (.zip)'),
  });
  return picked?.[0]?.fsPath;
}

interface PackPickItem extends vscode.QuickPickItem {
  location?: string;
  browse?: 'folder' | 'archive';
}

/** Quick pick: built-in course, configured locations, recent packs, browse. */
export async function pickPackLocation(ctx: GradLabContext, title: string): Promise<string | undefined> {
  const configured = vscode.workspace.getConfiguration('gradlab').get<string[]>('packLocations', []);
  const items: PackPickItem[] = [{ label: `$(mortar-board) ${vscode.l10n.t('Built-in course: Vanishing & Exploding Gradients')}`, location: 'builtin' }];
  const seen = new Set<string>();
  const addLocations = (locations: string[], detail: string) => {
    for (const location of locations) {
      if (seen.has(location) || !location) continue;
      seen.add(location);
      items.push({ label: `$(${isArchive(location) ? 'file-zip' : 'folder'}) ${path.basename(location)}`, description: location, detail, location });
    }
  };
  addLocations(configured, vscode.l10n.t('from the gradlab.packLocations setting'));
  addLocations(recentPacks(ctx), vscode.l10n.t('opened recently'));
  items.push(
    { label: `$(folder-opened) ${vscode.l10n.t('Browse for a pack folder…')}`, browse: 'folder' },
    { label: `$(file-zip) ${vscode.l10n.t('Browse for a pack archive (.zip)…')}`, browse: 'archive' },
  );
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Which exercise pack?') });
  if (!choice) return undefined;
  return choice.browse ? browseForPack(choice.browse) : choice.location;
}
