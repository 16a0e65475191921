// package.json contributions that VS Code only checks at run time (a missing file is a silent blank).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('extension/manifest', () => {
  it('walkthrough media, view icons and JSON schemas exist', () => {
    const files = [
      ...pkg.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown: string } }> }) => w.steps.map((s) => s.media.markdown)),
      ...pkg.contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
      ...pkg.contributes.jsonValidation.map((j: { url: string }) => j.url),
    ];
    const missing = files.filter((f: string) => !fs.existsSync(path.join(root, f)));
    assert.deepEqual(missing, []);
  });

  it('Marketplace metadata is complete, and every file it names ships in the VSIX', () => {
    for (const key of ['displayName', 'description', 'version', 'publisher', 'license', 'icon', 'homepage']) assert.ok(pkg[key], `package.json has no "${key}"`);
    assert.match(pkg.repository.url, /^https:\/\//);
    assert.match(pkg.bugs.url, /^https:\/\//);
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    assert.ok(pkg.categories.length > 0 && pkg.keywords.length > 0);
    // The Marketplace wants a PNG icon of at least 128×128 (the IHDR chunk holds width and height).
    const icon = fs.readFileSync(path.join(root, pkg.icon));
    assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'icon smaller than 128×128');
    // The CHANGELOG has an entry for the version being packaged.
    const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    assert.ok(changelog.includes(`## [${pkg.version}]`), `CHANGELOG.md has no "## [${pkg.version}]" entry`);
    // .vscodeignore is an allow-list: each of these must be re-included.
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split(/\r?\n/);
    for (const shipped of ['!README.md', '!LICENSE', '!CHANGELOG.md', '!media/**', '!package.nls.json']) assert.ok(ignore.includes(shipped), `.vscodeignore lacks ${shipped}`);
    assert.ok(pkg.icon.startsWith('media/'), 'the icon must live under media/ to ship');
  });

  it('activation stays lazy: no "*", the panel serializer and course folders only', () => {
    assert.deepEqual(pkg.activationEvents, ['onWebviewPanel:gradlab.exercise', 'workspaceContains:.gradlab/course.json']);
  });

  it('declares limited Workspace Trust support with a description', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.description);
    assert.ok(trust.restrictedConfigurations.every((key: string) => key in pkg.contributes.configuration.properties));
  });

  it('contributes the four settings with the documented defaults', () => {
    const props = pkg.contributes.configuration.properties;
    assert.equal(props['gradlab.checkOnSave'].default, true);
    assert.equal(props['gradlab.timeLimitMultiplier'].default, 1);
    assert.deepEqual(props['gradlab.packLocations'].default, []);
    assert.equal(props['gradlab.showReferenceCurve'].default, true);
  });

  it('every command used in menus and walkthrough links is contributed', () => {
    const contributed = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const inMenus = Object.values(pkg.contributes.menus).flat().map((m) => (m as { command: string }).command);
    const nls = fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8');
    const linked = [...nls.matchAll(/command:(gradlab\.[A-Za-z]+)/g)].map((m) => m[1]);
    const unknown = [...inMenus, ...linked].filter((id) => !contributed.has(id));
    assert.deepEqual(unknown, []);
  });
});
