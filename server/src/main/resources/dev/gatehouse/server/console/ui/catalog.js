// The models and access groups this gateway serves, for the pickers of the Keys, Teams and
// Playground pages, read from GET /admin/models. A gateway without that route (or an error)
// gives empty lists: the pages then take model names typed by hand.

/** {models: [{name, groups}], groups: [name], available} */
export async function loadCatalog(api) {
  try {
    const answer = await api.get('/admin/models');
    const models = (answer.data || []).map((model) => ({
      name: model.id,
      groups: model.access_groups || [],
    })).filter((model) => typeof model.name === 'string');
    const groups = [...new Set(models.flatMap((model) => model.groups))].sort();
    return { models, groups, available: true };
  } catch (error) {
    return { models: [], groups: [], available: false };
  }
}

/**
 * The models of `catalog` a scope list allows: every one for "*", else those named or in a
 * named access group (docs/keys.md, "Teams and access groups").
 */
export function allowedModels(catalog, scope) {
  if (scope.includes('*')) return catalog.models.map((model) => model.name);
  return catalog.models.filter((model) => scope.includes(model.name) || model.groups.some((group) => scope.includes(group)))
    .map((model) => model.name);
}
