<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ActualsUI</name>
    <message>
        <source>{0}
Month of these figures (YYYY-MM):</source>
        <translation>{0}
Mois de ces chiffres (AAAA-MM) :</translation>
    </message>
    <message>
        <source>Date of the figures</source>
        <translation>Date des chiffres</translation>
    </message>
    <message>
        <source>Import actual figures {0}</source>
        <translation>Importer les chiffres réels {0}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="230"/>
        <source>Plan vs actual</source>
        <translation>Prévu / réalisé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="238"/>
        <source>Import actual eligible premises</source>
        <translation>Importer les locaux raccordables réalisés</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="239"/>
        <source>Tables (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>Tableaux (*.csv *.txt *.xlsx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="252"/>
        <source>open a project with communes first</source>
        <translation>ouvrez d&apos;abord un projet avec des communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="255"/>
        <source>Importing actuals</source>
        <translation>Import du réalisé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="278"/>
        <source>Actual eligible premises, {n} communes with figures — {totals}.</source>
        <translation>Locaux raccordables réalisés, {n} communes renseignées — {totals}.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="281"/>
        <source>{n} codes match no commune of the project: {codes}</source>
        <translation>{n} codes ne correspondent à aucune commune du projet&#xa0;: {codes}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="283"/>
        <source>{n} communes behind plan at their latest figure.</source>
        <translation>{n} communes en retard sur le prévu à leur dernier relevé.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="305"/>
        <source>import actual figures first (Simulation ▸ Import actuals…)</source>
        <translation>importez d&apos;abord le réalisé (Simulation ▸ Importer le réalisé…)</translation>
    </message>
    <message>
        <source>Tables and commune layers (*.csv *.txt *.xlsx *.zip *.dbf *.shp);;All files (*)</source>
        <translation>Tables et couches de communes (*.csv *.txt *.xlsx *.zip *.dbf *.shp);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The actual figures were not imported.</source>
        <translation>Les chiffres réels n&apos;ont pas été importés.</translation>
    </message>
    <message>
        <source>Importing actuals from {0}</source>
        <translation>Import des chiffres réels de {0}</translation>
    </message>
    <message>
        <source>{file} holds one snapshot of figures, without a date column, and its name gives no date.

Which month are these figures from? ({format})</source>
        <translation>{file} contient un relevé de chiffres, sans colonne de date, et son nom ne donne aucune date.

De quel mois datent ces chiffres ? ({format})</translation>
    </message>
    <message>
        <source>Date of the snapshot</source>
        <translation>Date du relevé</translation>
    </message>
    <message>
        <source>Actual figures not imported: no date given.</source>
        <translation>Chiffres réels non importés : aucune date donnée.</translation>
    </message>
    <message>
        <source>Actual figures imported</source>
        <translation>Chiffres réels importés</translation>
    </message>
</context>
<context>
    <name>AutosaveController</name>
    <message>
        <location filename="../../planner/ui/autosave_timer.py" line="244"/>
        <source>Autosaving</source>
        <extracomment>seconds after the last edit before a recovery file is written set to &apos;0&apos; to write in the worker thread instead of the writer process the writer process: reads length-prefixed pickles (fn, args) on stdin, answers (kind, value) on stdout; it exits when its stdin closes (the application ended or crashed), so it never outlives the application a recovery file the current project was recovered from: removed once it is superseded</extracomment>
        <translation>Enregistrement automatique</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Paces count units of build effort 1 (a crew builds 1/effort as many units of a density class: {classes}).</source>
        <translation>Les cadences comptent des locaux d&apos;effort de construction 1 (une équipe construit 1/effort fois plus de locaux d&apos;une classe de densité&#xa0;: {classes}).</translation>
    </message>
    <message>
        <source>fitting the territory</source>
        <translation>calage du territoire</translation>
    </message>
    <message>
        <source>interval of the territory fit</source>
        <translation>intervalle du calage du territoire</translation>
    </message>
    <message>
        <source>fitting the phases</source>
        <translation>calage des phases</translation>
    </message>
    <message>
        <source>intervals of the phases</source>
        <translation>intervalles des phases</translation>
    </message>
    <message>
        <source>projecting the calibrated scenario</source>
        <translation>projection du scénario calé</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="99"/>
        <source>Calibrate on actuals</source>
        <translation>Caler sur le réalisé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="105"/>
        <source>also fit the start month</source>
        <translation>caler aussi le mois de démarrage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="116"/>
        <source>&amp;Fit</source>
        <translation>&amp;Ajuster</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="160"/>
        <source>Fitting…</source>
        <translation>Ajustement…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="166"/>
        <source>Calibration</source>
        <translation>Calage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="202"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="209"/>
        <source>Added as scenario &apos;{0}&apos;.</source>
        <translation>Ajouté comme scénario «&#xa0;{0}&#xa0;».</translation>
    </message>
    <message>
        <source>&amp;Add as scenario</source>
        <translation>A&amp;jouter comme scénario</translation>
    </message>
    <message>
        <source>Add the calibrated projection as a new scenario and make it active</source>
        <translation>Ajouter la projection calée comme nouveau scénario et le rendre actif</translation>
    </message>
    <message>
        <source>Use as &amp;uncertainty</source>
        <translation>Utiliser comme &amp;incertitude</translation>
    </message>
    <message>
        <source>The 90 % interval becomes the calibrated scenario&apos;s productivity distribution for uncertainty runs</source>
        <translation>L&apos;intervalle à 90&#xa0;% devient la loi de productivité du scénario calé pour les tirages d&apos;incertitude</translation>
    </message>
    <message>
        <source>Fit per quarter</source>
        <translation>Ajustement par trimestre</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <source>Communes ahead / behind</source>
        <translation>Communes en avance / en retard</translation>
    </message>
    <message>
        <source>What to fit</source>
        <translation>Ce qui est ajusté</translation>
    </message>
    <message>
        <source>one pace for the territory (a factor on every phase&apos;s pace)</source>
        <translation>une cadence pour le territoire (un facteur sur la cadence de chaque phase)</translation>
    </message>
    <message>
        <source>per phase: phases with figures get their own pace</source>
        <translation>par phase&#xa0;: les phases qui ont des chiffres ont leur propre cadence</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <source>first try ± </source>
        <translation>d&apos;abord ± </translation>
    </message>
    <message>
        <source> months (widened if needed)</source>
        <translation> mois (élargi si besoin)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source> last quarters held out</source>
        <translation> derniers trimestres mis de côté</translation>
    </message>
    <message>
        <source>none (fit on every quarter)</source>
        <translation>aucun (ajustement sur tous les trimestres)</translation>
    </message>
    <message>
        <source>Backtest: fit on the earlier quarters, measure the error on these</source>
        <translation>Test rétrospectif&#xa0;: ajuster sur les trimestres précédents, mesurer l&apos;erreur sur ceux-ci</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>Test rétrospectif</translation>
    </message>
    <message>
        <source>all communes with figures (or INSEE codes, comma-separated)</source>
        <translation>toutes les communes ayant des chiffres (ou codes INSEE séparés par des virgules)</translation>
    </message>
    <message>
        <source>Selected communes</source>
        <translation>Communes sélectionnées</translation>
    </message>
    <message>
        <source>Use the communes selected on the map</source>
        <translation>Utiliser les communes sélectionnées sur la carte</translation>
    </message>
    <message>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <source>Tick phases to use only their communes&apos; figures (none ticked: all)</source>
        <translation>Cocher des phases pour n&apos;utiliser que les chiffres de leurs communes (aucune cochée&#xa0;: toutes)</translation>
    </message>
    <message>
        <source>No interval to use: the fit has as many values as quarters, or reproduces the figures exactly</source>
        <translation>Pas d&apos;intervalle à utiliser&#xa0;: l&apos;ajustement a autant de valeurs que de trimestres, ou reproduit exactement les chiffres</translation>
    </message>
    <message>
        <source>&lt;b&gt;Territory pace: {pace} units per crew per month&lt;/b&gt; (× {factor} the scenario&apos;s); start {start} ({shift:+d} months).</source>
        <translation>&lt;b&gt;Cadence du territoire&#xa0;: {pace} locaux par équipe et par mois&lt;/b&gt; (× {factor} celle du scénario)&#xa0;; démarrage {start} ({shift:+d} mois).</translation>
    </message>
    <message>
        <source>90 % interval (profile likelihood): × {lo} to × {hi}</source>
        <translation>Intervalle à 90&#xa0;% (vraisemblance profilée)&#xa0;: × {lo} à × {hi}</translation>
    </message>
    <message>
        <source>; start shift {lo:+d} to {hi:+d} months</source>
        <translation>&#xa0;; décalage du démarrage de {lo:+d} à {hi:+d} mois</translation>
    </message>
    <message>
        <source>No interval: as many fitted values as quarters.</source>
        <translation>Pas d&apos;intervalle&#xa0;: autant de valeurs ajustées que de trimestres.</translation>
    </message>
    <message>
        <source>RMSE {rmse} units on the fitted quarters</source>
        <translation>RMSE {rmse} locaux sur les trimestres ajustés</translation>
    </message>
    <message>
        <source>, &lt;b&gt;{rmse} units on the held-out quarters&lt;/b&gt;</source>
        <translation>, &lt;b&gt;{rmse} locaux sur les trimestres mis de côté&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No answer: the figures cannot decide (see above).</source>
        <translation>Pas de réponse&#xa0;: les chiffres ne permettent pas de trancher (voir ci-dessus).</translation>
    </message>
    <message>
        <source>Scenario &apos;{0}&apos; now draws its productivity from the interval (Simulation ▸ Uncertainty).</source>
        <translation>Le scénario «&#xa0;{0}&#xa0;» tire désormais sa productivité dans l&apos;intervalle (Simulation ▸ Incertitude).</translation>
    </message>
    <message>
        <source>Phases with their own pace: {n} of {total}; with their own start at the territory&apos;s pace: {m} (see Phases).</source>
        <translation>Phases ayant leur propre cadence&#xa0;: {n} sur {total}&#xa0;; leur propre démarrage à la cadence du territoire&#xa0;: {m} (voir Phases).</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>{0} – calibrated</source>
        <translation>{0} – calé sur le réel</translation>
    </message>
</context>
<context>
    <name>CommunesPage</name>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="209"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="210"/>
        <source>The commune polygons of the territory. The fields are detected; check them.</source>
        <translation>Les polygones des communes du territoire. Les champs sont détectés automatiquement&#xa0;; vérifiez-les.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="211"/>
        <source>INSEE code field:</source>
        <translation>Champ du code INSEE&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="211"/>
        <source>The 5-character INSEE code of each commune</source>
        <translation>Le code INSEE à 5 caractères de chaque commune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="212"/>
        <source>Name field:</source>
        <translation>Champ du nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="212"/>
        <source>The commune name</source>
        <translation>Le nom de la commune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="213"/>
        <source>Units field:</source>
        <translation>Champ des locaux&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="214"/>
        <source>Premise units per commune, used when there is no premise layer (e.g. locaux_insee_2018)</source>
        <translation>Nombre de locaux par commune, utilisé en l&apos;absence de couche de locaux (p. ex. locaux_insee_2018)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="216"/>
        <source>The project name, shown in the window title and on printed pages</source>
        <translation>Le nom du projet, affiché dans le titre de la fenêtre et sur les pages imprimées</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="218"/>
        <source>Project name:</source>
        <translation>Nom du projet&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="229"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
</context>
<context>
    <name>CoverageLegend</name>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="24"/>
        <source>0 %</source>
        <extracomment>class colours, light to dark; the last row is for communes without any premise</extracomment>
        <translation>0&#xa0;%</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="24"/>
        <source>1–25 %</source>
        <translation>1–25&#xa0;%</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="25"/>
        <source>25–50 %</source>
        <translation>25–50&#xa0;%</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="25"/>
        <source>50–75 %</source>
        <translation>50–75&#xa0;%</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="26"/>
        <source>75–99 %</source>
        <translation>75–99&#xa0;%</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="26"/>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="50"/>
        <source>unplanned</source>
        <translation>hors phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="50"/>
        <source>planned</source>
        <translation>planifiés</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="51"/>
        <source>eligible</source>
        <translation>raccordables</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="51"/>
        <source>marketable</source>
        <translation>commercialisables</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="52"/>
        <source>connected</source>
        <translation>raccordés</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="76"/>
        <source>&lt;b&gt;Communes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Communes&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="85"/>
        <source>&lt;b&gt;Premises&lt;/b&gt;</source>
        <translation>&lt;b&gt;Locaux&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_legend.py" line="94"/>
        <source>Communes: share of their premises eligible at the slider&apos;s month. Premises: state at that month.</source>
        <translation>Communes&#xa0;: part de leurs locaux raccordables au mois du curseur temporel. Locaux&#xa0;: état à ce mois.</translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <source>today</source>
        <translation>aujourd’hui</translation>
    </message>
    <message>
        <source>built (actual)</source>
        <translation>construit (réel)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="87"/>
        <source>premises (%)</source>
        <extracomment>at most this many per-phase curves are drawn (the phases with the most units); more would clutter and slow the targets were edited (argument: list of %)</extracomment>
        <translation>locaux (%)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="133"/>
        <source>Target coverage lines in %, separated by commas</source>
        <translation>Lignes de couverture cible en&#xa0;%, séparées par des virgules</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="137"/>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="138"/>
        <source>Show each phase&apos;s contribution to territory coverage</source>
        <translation>Afficher la contribution de chaque phase à la couverture du territoire</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="144"/>
        <source>Targets (%):</source>
        <translation>Cibles (%)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="163"/>
        <location filename="../../planner/ui/coverage_panel.py" line="376"/>
        <source>eligible</source>
        <translation>raccordables</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="164"/>
        <location filename="../../planner/ui/coverage_panel.py" line="376"/>
        <source>marketable</source>
        <translation>commercialisables</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="165"/>
        <location filename="../../planner/ui/coverage_panel.py" line="377"/>
        <source>connected</source>
        <translation>raccordés</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="166"/>
        <source>phases</source>
        <translation>phases</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="179"/>
        <source>selected commune</source>
        <translation>commune sélectionnée</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="169"/>
        <source>P10–P90</source>
        <translation>P10–P90</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="171"/>
        <source>actual</source>
        <translation>réalisé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="181"/>
        <source>selected commune ({0})</source>
        <translation>commune sélectionnée ({0})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="182"/>
        <source>{0} selected communes</source>
        <translation>{0} communes sélectionnées</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="206"/>
        <source>Showing the {0} largest of {1} phases</source>
        <translation>Affichage des {0} plus grandes phases sur {1}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="217"/>
        <source>Simulation failed: {0}</source>
        <translation>Échec de la simulation&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_panel.py" line="292"/>
        <source>not reached</source>
        <translation>non atteint</translation>
    </message>
</context>
<context>
    <name>CoverageUI</name>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="181"/>
        <source>Coverage</source>
        <extracomment>fill of communes marked as behind plan</extracomment>
        <translation>Couverture</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="182"/>
        <source>Gantt</source>
        <translation>Gantt</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="183"/>
        <source>Communes by quarter</source>
        <translation>Communes par trimestre</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="192"/>
        <source>Coverage on &amp;map</source>
        <translation>Couverture sur la &amp;carte</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="195"/>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="196"/>
        <source>Colour communes by coverage and premises by state at the slider&apos;s month (Ctrl+Shift+M)</source>
        <translation>Colorer les communes selon leur couverture et les locaux selon leur état au mois du curseur temporel (Ctrl+Maj+M)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="203"/>
        <source>&amp;Play rollout</source>
        <translation>Animer le &amp;déploiement</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="205"/>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Space</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="206"/>
        <source>Play the rollout month by month (Ctrl+Space)</source>
        <translation>Animer le déploiement mois par mois (Ctrl+Espace)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="226"/>
        <source>Scenarios</source>
        <translation>Scénarios</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="233"/>
        <source>&amp;Goal seek…</source>
        <translation>&amp;Recherche d&apos;objectif…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="234"/>
        <source>Find the fewest crews, latest start or lowest productivity that meets a coverage target</source>
        <translation>Trouver le plus petit nombre d&apos;équipes, le démarrage le plus tardif ou la plus faible productivité qui atteint un objectif de couverture</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="236"/>
        <source>&amp;Compare scenarios</source>
        <translation>C&amp;omparer les scénarios</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="237"/>
        <source>All scenarios&apos; curves, milestones and phase dates side by side</source>
        <translation>Courbes, jalons et dates des phases de tous les scénarios côte à côte</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="238"/>
        <source>&amp;Uncertainty…</source>
        <translation>&amp;Incertitude…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="239"/>
        <source>Many runs with uncertain productivity: P10/P50/P90 bands and the chance of meeting a target</source>
        <translation>De nombreux tirages avec une productivité incertaine&#xa0;: bandes P10/P50/P90 et probabilité d&apos;atteindre un objectif</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="241"/>
        <source>Import &amp;actuals…</source>
        <translation>Importer le ré&amp;alisé…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="242"/>
        <source>Import actual eligible premises per commune and quarter (Arcep layout or long table)</source>
        <translation>Importer les locaux raccordables réalisés par commune et par trimestre (format Arcep ou table longue)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="244"/>
        <source>Ca&amp;librate on actuals…</source>
        <translation>Ca&amp;ler sur le réalisé…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/coverage_ui.py" line="245"/>
        <source>Fit the pace to the imported actuals and project it as a new scenario</source>
        <translation>Ajuster la cadence au réalisé importé et la projeter dans un nouveau scénario</translation>
    </message>
</context>
<context>
    <name>DependsDelegate</name>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="52"/>
        <source>Phase 1, Phase 2 (50%)</source>
        <translation>Phase 1, Phase 2 (50%)</translation>
    </message>
</context>
<context>
    <name>DistributionEditor</name>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="18"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="18"/>
        <source>triangular</source>
        <translation>triangulaire</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="19"/>
        <source>uniform</source>
        <translation>uniforme</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="19"/>
        <source>normal</source>
        <translation>normale</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="49"/>
        <source>standard deviation</source>
        <translation>écart type</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="49"/>
        <source>lowest value</source>
        <translation>valeur minimale</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="75"/>
        <source>Export</source>
        <extracomment>formats that write one file per layer into a folder unless one layer is chosen</extracomment>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="78"/>
        <source>What to write</source>
        <translation>Contenu à exporter</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="81"/>
        <source>Format:</source>
        <translation>Format&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="83"/>
        <source>One layer into one file, or every layer into a folder</source>
        <translation>Une couche dans un fichier, ou toutes les couches dans un dossier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="84"/>
        <source>Layer:</source>
        <translation>Couche&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="86"/>
        <source>The scenario whose simulation gives the planned dates</source>
        <translation>Le scénario dont la simulation donne les dates prévues</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="90"/>
        <source>Scenario:</source>
        <translation>Scénario&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="95"/>
        <source>The file (or folder) to write</source>
        <translation>Le fichier (ou le dossier) à écrire</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="96"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="97"/>
        <source>Choose where to write</source>
        <translation>Choisir l&apos;emplacement de sortie</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="100"/>
        <source>Output:</source>
        <translation>Sortie&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="105"/>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="119"/>
        <source>GeoPackage: phase plan with QGIS styles (.gpkg)</source>
        <translation>GeoPackage&#xa0;: plan des phases avec styles QGIS (.gpkg)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="120"/>
        <source>GeoJSON, RFC 7946 (.geojson)</source>
        <translation>GeoJSON, RFC 7946 (.geojson)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="121"/>
        <source>Shapefile (.shp)</source>
        <translation>Shapefile (.shp)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="122"/>
        <source>CSV tables, &apos;;&apos; separated (.csv)</source>
        <translation>Tables CSV, séparateur «&#xa0;;&#xa0;» (.csv)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="123"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Classeur Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="124"/>
        <source>Map of the current view, image (.png)</source>
        <translation>Carte de la vue actuelle, image (.png)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="125"/>
        <source>Map of the current view, SVG (.svg)</source>
        <translation>Carte de la vue actuelle, SVG (.svg)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="126"/>
        <source>Map of the current view, PDF (.pdf)</source>
        <translation>Carte de la vue actuelle, PDF (.pdf)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="155"/>
        <source>All layers (one file each, named after the output)</source>
        <translation>Toutes les couches (un fichier par couche, nommé d&apos;après la sortie)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="156"/>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="156"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="156"/>
        <source>Premises</source>
        <translation>Locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="158"/>
        <source>Communes × quarters table</source>
        <translation>Tableau communes × trimestres</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="159"/>
        <source>Phase table</source>
        <translation>Tableau des phases</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="170"/>
        <source>The map as shown now in the window.</source>
        <translation>La carte telle qu&apos;elle est affichée dans la fenêtre.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="172"/>
        <source>Writes {files} beside it.</source>
        <translation>Écrit {files} à côté.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="197"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="197"/>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="198"/>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="198"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="198"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="199"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="199"/>
        <source>SVG drawing (*.svg)</source>
        <translation>Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="199"/>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="205"/>
        <source>Export into folder</source>
        <translation>Exporter dans un dossier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/export_dialog.py" line="207"/>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>Web map residents can search (a folder with index.html)</source>
        <translation>Carte web consultable par les habitants (un dossier avec index.html)</translation>
    </message>
    <message>
        <source>Per-address forecast (.csv, or .gpkg)</source>
        <translation>Prévision par adresse (.csv ou .gpkg)</translation>
    </message>
    <message>
        <source>QGIS project with a time slider (.qgz beside the plan .gpkg)</source>
        <translation>Projet QGIS avec curseur temporel (.qgz à côté du plan .gpkg)</translation>
    </message>
    <message>
        <source>A new or empty folder: open its index.html in any browser, or copy the folder onto a web host. No server and no network needed.</source>
        <translation>Un dossier nouveau ou vide : ouvrez son index.html dans n’importe quel navigateur, ou copiez le dossier sur un hébergement web. Ni serveur ni réseau nécessaires.</translation>
    </message>
    <message>
        <source>One row per premise with its planned eligibility month and quarter (&apos;;&apos; separated, UTF-8).</source>
        <translation>Une ligne par local avec son mois et son trimestre d’éligibilité prévus (séparateur « ; », UTF-8).</translation>
    </message>
    <message>
        <source>Open it in QGIS 3.22 or later; the Temporal Controller plays the rollout.</source>
        <translation>Ouvrez-le dans QGIS 3.22 ou plus récent ; le contrôleur temporel joue le déploiement.</translation>
    </message>
    <message>
        <source>CSV or GeoPackage (*.csv *.gpkg)</source>
        <translation>CSV ou GeoPackage (*.csv *.gpkg)</translation>
    </message>
    <message>
        <source>QGIS project (*.qgz)</source>
        <translation>Projet QGIS (*.qgz)</translation>
    </message>
</context>
<context>
    <name>GanttChart</name>
    <message>
        <source>Done: {0}</source>
        <translation>Terminées : {0}</translation>
    </message>
    <message>
        <source>hatched: built (actual figures, as of {0})</source>
        <translation>hachuré : construit (chiffres réels à fin {0})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/gantt.py" line="112"/>
        <source>Not finished within the horizon: {0}</source>
        <translation>Non terminées à l&apos;horizon&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/gantt.py" line="114"/>
        <source>Not started within the horizon: {0}</source>
        <translation>Non démarrées à l&apos;horizon&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/gantt.py" line="116"/>
        <source>No phase yet: add one in the Phases panel to see its studies and build here.</source>
        <translation>Aucune phase pour l&apos;instant&#xa0;: ajoutez-en une dans le panneau Phases pour voir ici ses études et ses travaux.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/gantt.py" line="117"/>
        <source>Grey: studies · light: ramp-up · full colour: build</source>
        <translation>Gris&#xa0;: études · clair&#xa0;: montée en charge · couleur pleine&#xa0;: travaux</translation>
    </message>
    <message>
        <source> · orange cross-hatch: waits for money</source>
        <translation> · quadrillage orange : attend des crédits</translation>
    </message>
</context>
<context>
    <name>GoalSeekDialog</name>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="26"/>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="152"/>
        <source>Goal seek</source>
        <translation>Recherche d&apos;objectif</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="37"/>
        <source>Month by which the target must be met (YYYY-MM)</source>
        <translation>Mois auquel l&apos;objectif doit être atteint (AAAA-MM)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="41"/>
        <source>fewest crews</source>
        <translation>le moins d&apos;équipes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="42"/>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="158"/>
        <source>latest start</source>
        <translation>le démarrage le plus tardif</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="43"/>
        <source>lowest productivity (units per crew per month)</source>
        <translation>la productivité la plus faible (locaux par équipe et par mois)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="44"/>
        <source>whole territory</source>
        <translation>tout le territoire</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="52"/>
        <source>Phases whose crews or productivity may change (pool crews: the pool)</source>
        <translation>Phases dont les équipes ou la productivité peuvent varier (phases puisant dans la réserve d&apos;équipes&#xa0;: la taille de la réserve)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="60"/>
        <source>Target coverage</source>
        <translation>Couverture cible</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="61"/>
        <source>By (end of month)</source>
        <translation>Échéance (fin de mois)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="62"/>
        <source>Find the</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="66"/>
        <source>Coverage of</source>
        <translation>Couverture de</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="67"/>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="68"/>
        <source>&amp;Find</source>
        <translation>&amp;Chercher</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="70"/>
        <source>&amp;Apply as new scenario</source>
        <translation>&amp;Appliquer comme nouveau scénario</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="72"/>
        <source>Add the answer as a new scenario (undoable)</source>
        <translation>Ajouter la réponse comme nouveau scénario (annulable)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="73"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="83"/>
        <source>eligible (%)</source>
        <translation>raccordables (%)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="89"/>
        <source>&lt;span style=&apos;color:#9e9e9e&apos;&gt;╍&lt;/span&gt; current scenario   &lt;span style=&apos;color:#08519c&apos;&gt;━&lt;/span&gt; with the answer   &lt;span style=&apos;color:#d62728&apos;&gt;+&lt;/span&gt; target</source>
        <translation>&lt;span style=&apos;color:#9e9e9e&apos;&gt;╍&lt;/span&gt; scénario actuel   &lt;span style=&apos;color:#08519c&apos;&gt;━&lt;/span&gt; avec la réponse   &lt;span style=&apos;color:#d62728&apos;&gt;+&lt;/span&gt; objectif</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="116"/>
        <source>selected communes ({0})</source>
        <translation>communes sélectionnées ({0})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="140"/>
        <source>tick at least one phase</source>
        <translation>cochez au moins une phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="147"/>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="158"/>
        <source>crews</source>
        <translation>équipes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="159"/>
        <source>units per crew per month</source>
        <translation>locaux par équipe et par mois</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="162"/>
        <source>&lt;b&gt;Impossible:&lt;/b&gt; no value of {what} reaches {t:g} % by {by}. Why: {reason}</source>
        <translation>&lt;b&gt;Impossible&#xa0;:&lt;/b&gt; aucune valeur de «&#xa0;{what}&#xa0;» n&apos;atteint {t:g}&#xa0;% d&apos;ici {by}. Raison&#xa0;: {reason}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="168"/>
        <source>&lt;b&gt;{what}: {value}&lt;/b&gt; gives {cov:.1f} % by {by} (target {t:g} %).</source>
        <translation>&lt;b&gt;{what}&#xa0;: {value}&lt;/b&gt; donne {cov:.1f}&#xa0;% d&apos;ici {by} (objectif {t:g}&#xa0;%).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="171"/>
        <source>With {below}: {bcov:.1f} %.</source>
        <translation>Avec {below}&#xa0;: {bcov:.1f}&#xa0;%.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/decisions/goal_seek_dialog.py" line="182"/>
        <source>That is {total:g} crews in all, at most {peak:g} at work in one month ({month}).</source>
        <translation>Soit {total:g}&#xa0;équipes en tout, au plus {peak:g} au travail le même mois ({month}).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="204"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/goal_seek_dialog.py" line="215"/>
        <source>Added as scenario &apos;{0}&apos;.</source>
        <translation>Ajouté comme scénario «&#xa0;{0}&#xa0;».</translation>
    </message>
    <message>
        <source>lowest budget (€ per year)</source>
        <translation>budget le plus bas (€ par an)</translation>
    </message>
    <message>
        <source>budget per year</source>
        <translation>budget annuel</translation>
    </message>
    <message>
        <source>eligible in the selected communes (%)</source>
        <translation>raccordables dans les communes choisies (%)</translation>
    </message>
    <message>
        <source>{base} – {what} for {pct:g} % by {by}</source>
        <translation>{base} – {what} pour {pct:g} % en {by}</translation>
    </message>
    <message>
        <source>selected communes (%)</source>
        <translation>communes choisies (%)</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../planner/ui/help_dialogs.py" line="88"/>
        <source>Getting started</source>
        <translation>Prise en main</translation>
    </message>
    <message>
        <location filename="../../planner/ui/help_dialogs.py" line="97"/>
        <source>The getting-started guide is missing from this installation.</source>
        <translation>Le guide de prise en main est absent de cette installation.</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../planner/ui/identify.py" line="65"/>
        <source>Click a commune or a premise on the map.</source>
        <translation>Cliquez sur une commune ou un local sur la carte.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/identify.py" line="68"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../planner/ui/identify.py" line="68"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/identify.py" line="88"/>
        <source>Nothing here.</source>
        <translation>Rien ici.</translation>
    </message>
    <message>
        <source>x (L93)</source>
        <translation>x (L93)</translation>
    </message>
    <message>
        <source>y (L93)</source>
        <translation>y (L93)</translation>
    </message>
    <message>
        <source>Under premises, a click identifies the commune when Communes is the current layer in the Layers panel.</source>
        <translation>Sous les locaux, un clic identifie la commune quand Communes est la couche courante du panneau Couches.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>coordinate system: row by row from {field}</source>
        <translation>système de coordonnées : ligne par ligne d&apos;après {field}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>recognised by name</source>
        <translation>reconnues par leur nom</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>guessed from their values</source>
        <translation>devinées d&apos;après leurs valeurs</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>coordinates: columns {x} / {y} ({how})</source>
        <translation>coordonnées : colonnes {x} / {y} ({how})</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>coordinate system: from the file&apos;s columns or guessed from the coordinate range</source>
        <translation>système de coordonnées : donné par les colonnes du fichier ou deviné d&apos;après l&apos;étendue des coordonnées</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>INSEE code: field {field}</source>
        <translation>code INSEE : champ {field}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>units: field {field}</source>
        <translation>locaux : champ {field}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>{file}: guessed {what}</source>
        <translation>{file} : deviné — {what}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>{count} premises ({share} % of the units) fall outside every commune: {cause}</source>
        <translation>{count} locaux ({share} % des unités) tombent hors de toute commune : {cause}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>What was guessed:</source>
        <translation>Ce qui a été deviné :</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="195"/>
        <source>Choose a layer</source>
        <translation>Choisir une couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="196"/>
        <source>{file} holds several layers. Import:</source>
        <translation>{file} contient plusieurs couches. Importer&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="240"/>
        <source>Imported with warnings</source>
        <translation>Importé avec des avertissements</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="241"/>
        <source>{file} was imported with warnings:</source>
        <translation>{file} a été importé avec des avertissements&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="297"/>
        <source>Importing {name}</source>
        <translation>Import de {name}</translation>
    </message>
    <message>
        <source>this file is neither a Rollout Planner project nor a point layer: it has no two columns of numbers to read as coordinates (a point table needs X and Y, or longitude and latitude)</source>
        <translation>ce fichier n&apos;est ni un projet Rollout Planner ni une couche de points : il n&apos;a pas deux colonnes de nombres à lire comme coordonnées (une table de points a besoin de X et Y, ou de la longitude et de la latitude)</translation>
    </message>
</context>
<context>
    <name>ImportOptionsDialog</name>
    <message>
        <location filename="../../planner/ui/project/import_dialog.py" line="1"/>
        <source>Guessed from the file — check before importing:</source>
        <translation>Deviné d&apos;après le fichier — à vérifier avant d&apos;importer :</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="108"/>
        <source>Import {name}</source>
        <translation>Importer {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="114"/>
        <source>{kind} layer, {count} features</source>
        <translation>Couche de type {kind}, {count} entités</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="110"/>
        <source>Point</source>
        <translation>point</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="110"/>
        <source>Polygon</source>
        <translation>polygone</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="110"/>
        <source>Line</source>
        <translation>ligne</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="112"/>
        <source>CSV points</source>
        <translation>Points CSV</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="121"/>
        <source>Communes (polygons with INSEE codes)</source>
        <translation>Communes (polygones avec codes INSEE)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="122"/>
        <source>Premises (points with units)</source>
        <translation>Locaux (points avec nombre de locaux)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="122"/>
        <source>Other layer (display only)</source>
        <translation>Autre couche (affichage seul)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="129"/>
        <source>Use as</source>
        <translation>Utiliser comme</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="132"/>
        <source>(choose a column)</source>
        <translation>(choisir une colonne)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="136"/>
        <source>X / longitude column</source>
        <translation>Colonne X / longitude</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="137"/>
        <source>Y / latitude column</source>
        <translation>Colonne Y / latitude</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="141"/>
        <source>(detect)</source>
        <translation>(détecter)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="142"/>
        <source>(same as code)</source>
        <translation>(comme le code)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="143"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="147"/>
        <source>(1 per feature)</source>
        <translation>(1 par entité)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="149"/>
        <location filename="../../planner/ui/import_dialog.py" line="151"/>
        <source>INSEE code field</source>
        <translation>Champ du code INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="150"/>
        <source>Name field</source>
        <translation>Champ du nom</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="152"/>
        <source>Units field</source>
        <translation>Champ des locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/import_dialog.py" line="159"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../planner/ui/language_menu.py" line="29"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../planner/ui/language_menu.py" line="32"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../planner/ui/language_menu.py" line="52"/>
        <location filename="../../planner/ui/language_menu.py" line="56"/>
        <location filename="../../planner/ui/language_menu.py" line="66"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../planner/ui/language_menu.py" line="53"/>
        <source>The interface will be in {0} the next time you start Rollout Planner (save your project first).</source>
        <translation>L&apos;interface passera à la langue «&#xa0;{0}&#xa0;» au prochain démarrage de Rollout Planner (enregistrez d&apos;abord votre projet).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/language_menu.py" line="57"/>
        <source>Restart Rollout Planner in {0} now? The project is reopened as it was saved.</source>
        <translation>Redémarrer Rollout Planner en langue «&#xa0;{0}&#xa0;» maintenant&#xa0;? Le projet est rouvert tel qu&apos;il a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/language_menu.py" line="67"/>
        <source>Could not restart; the new language applies at the next start.</source>
        <translation>Impossible de redémarrer&#xa0;; la nouvelle langue s&apos;appliquera au prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="74"/>
        <source>Move up (drawn above)</source>
        <translation>Monter (dessinée au-dessus)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="75"/>
        <source>Move down (drawn below)</source>
        <translation>Descendre (dessinée en dessous)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="76"/>
        <location filename="../../planner/ui/layers_panel.py" line="189"/>
        <source>Fill colour…</source>
        <translation>Couleur de remplissage…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="76"/>
        <source>Fill</source>
        <translation>Remplissage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="77"/>
        <location filename="../../planner/ui/layers_panel.py" line="191"/>
        <source>Outline colour…</source>
        <translation>Couleur du contour…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="78"/>
        <source>Outline</source>
        <translation>Contour</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="79"/>
        <location filename="../../planner/ui/layers_panel.py" line="193"/>
        <source>Remove layer</source>
        <translation>Supprimer la couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="87"/>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="142"/>
        <source>other layer</source>
        <translation>autre couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="144"/>
        <source>commune layer</source>
        <translation>couche des communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="146"/>
        <source>premise layer</source>
        <translation>couche des locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="150"/>
        <source>{role}: {n} features
{source}</source>
        <translation>{role}&#xa0;: {n} entités
{source}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="187"/>
        <source>Zoom to layer</source>
        <translation>Zoomer sur la couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="218"/>
        <source>Choose the {which} colour of {name}</source>
        <translation>Choisir la couleur de {which} de {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="219"/>
        <source>fill</source>
        <translation>remplissage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/layers_panel.py" line="219"/>
        <source>outline</source>
        <translation>contour</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../planner/ui/main_window.py" line="37"/>
        <source>&amp;File</source>
        <extracomment>menus in the order they appear in the menu bar; menu(name) creates unknown names before &apos;Help&apos; shown titles (with keyboard mnemonics), marked for translation; other names are shown as given</extracomment>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="38"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="39"/>
        <source>&amp;View</source>
        <translation>&amp;Vue</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="40"/>
        <source>P&amp;roject</source>
        <translation>P&amp;rojet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="41"/>
        <source>&amp;Phases</source>
        <translation>&amp;Phases</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="42"/>
        <source>&amp;Simulation</source>
        <translation>&amp;Simulation</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="43"/>
        <source>Pri&amp;nt</source>
        <translation>&amp;Impression</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="44"/>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="45"/>
        <source>&amp;Window</source>
        <translation>Fe&amp;nêtre</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="46"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="220"/>
        <source>&amp;Open project…</source>
        <extracomment>(module, function): function(main_window) adds its docks, menus, toolbar actions and map colouring identify search radius in screen pixels the map items were rebuilt (new project, layer added/removed): re-apply colours a project finished loading (after the items are drawn)</extracomment>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="221"/>
        <source>Open a Rollout Planner project or a GIS file</source>
        <translation>Ouvrir un projet Rollout Planner ou un fichier SIG</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="222"/>
        <source>&amp;Import layer…</source>
        <translation>&amp;Importer une couche…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="223"/>
        <source>Import a GeoPackage, Shapefile, GeoJSON, FlatGeobuf or CSV layer</source>
        <translation>Importer une couche GeoPackage, Shapefile, GeoJSON, FlatGeobuf ou CSV</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="224"/>
        <source>Open the Gers &amp;sample</source>
        <translation>Ouvrir l&apos;exemple du &amp;Gers</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="225"/>
        <source>Open the bundled Gers sample project</source>
        <translation>Ouvrir le projet d&apos;exemple du Gers fourni avec l&apos;application</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="227"/>
        <source>Open the Gers &amp;demo plan</source>
        <translation>Ouvrir le plan de &amp;démonstration du Gers</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="228"/>
        <source>Open the Gers sample with a demonstration rollout plan (one phase per intercommunality, in three waves)</source>
        <translation>Ouvrir l&apos;exemple du Gers avec un plan de déploiement de démonstration (une phase par intercommunalité (EPCI), en trois vagues)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="230"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="231"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="234"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="241"/>
        <source>Zoom &amp;full</source>
        <translation>Zoom sur l&apos;emprise &amp;totale</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="242"/>
        <source>Show the whole territory</source>
        <translation>Afficher tout le territoire</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="243"/>
        <source>Zoom to &amp;layer</source>
        <translation>Zoomer sur la &amp;couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="244"/>
        <source>Zoom to the layer selected in the Layers panel</source>
        <translation>Zoomer sur la couche sélectionnée dans le panneau Couches</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="245"/>
        <source>Zoom to &amp;selection</source>
        <translation>Zoomer sur la &amp;sélection</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="246"/>
        <source>Zoom to the selected communes</source>
        <translation>Zoomer sur les communes sélectionnées</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="247"/>
        <source>Zoom &amp;rectangle</source>
        <translation>Zoom par &amp;rectangle</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="248"/>
        <source>Drag a rectangle on the map to zoom in</source>
        <translation>Tracer un rectangle sur la carte pour zoomer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="249"/>
        <source>&amp;Pan / identify</source>
        <translation>&amp;Déplacer / identifier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="250"/>
        <source>Drag to pan, click to identify</source>
        <translation>Glisser pour déplacer la carte, cliquer pour identifier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="257"/>
        <source>&amp;About Rollout Planner</source>
        <translation>À &amp;propos de Rollout Planner</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="263"/>
        <source>Open &amp;recent</source>
        <translation>Ouvrir un projet &amp;récent</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="278"/>
        <source>Commune &amp;names</source>
        <translation>&amp;Noms des communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="279"/>
        <source>Write commune names on the map when zoomed in</source>
        <translation>Afficher les noms des communes sur la carte à partir d&apos;un certain niveau de zoom</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="283"/>
        <source>&amp;Panels</source>
        <translation>&amp;Panneaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="290"/>
        <source>User &amp;guide</source>
        <translation>&amp;Guide de l&apos;utilisateur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="292"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Raccourcis &amp;clavier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="296"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="309"/>
        <source>Main toolbar</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="332"/>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="334"/>
        <source>Identify</source>
        <translation>Identification</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="350"/>
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="399"/>
        <source>Click a commune or a premise on the map.</source>
        <translation>Cliquez sur une commune ou un local sur la carte.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="480"/>
        <source>Premise #{row} in {commune}</source>
        <translation>Local n° {row} à {commune}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="481"/>
        <source>Premise #{row}</source>
        <translation>Local n° {row}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="521"/>
        <source>No commune selected.</source>
        <translation>Aucune commune sélectionnée.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="530"/>
        <source>Open project or layer</source>
        <translation>Ouvrir un projet ou une couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="531"/>
        <source>Projects and GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;All files (*)</source>
        <translation>Projets et fichiers SIG (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="538"/>
        <source>Import layer</source>
        <translation>Importer une couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="539"/>
        <source>GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;All files (*)</source>
        <translation>Fichiers SIG (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="563"/>
        <source>Opening {name}</source>
        <translation>Ouverture de {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="609"/>
        <source>Loading the Gers sample</source>
        <translation>Chargement de l&apos;exemple du Gers</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="638"/>
        <source>About Rollout Planner</source>
        <translation>À propos de Rollout Planner</translation>
    </message>
    <message>
        <location filename="../../planner/ui/main_window.py" line="666"/>
        <source>&lt;h3&gt;Rollout Planner {version}&lt;/h3&gt;&lt;p&gt;Plan fibre-to-the-home rollouts across a French département: phases, crews, coverage curves, commune maps and atlases.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Data of the bundled Gers sample&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Commune boundaries: IGN Admin Express (via france-geojson) — Etalab Licence Ouverte 2.0&lt;/li&gt;&lt;li&gt;Populations, dwellings and business premises: INSEE — Licence Ouverte&lt;/li&gt;&lt;li&gt;Fibre eligibility per commune: Arcep open data — Licence Ouverte&lt;/li&gt;&lt;li&gt;Addresses: © OpenStreetMap contributors, BANO — ODbL 1.0&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;i&gt;Premise positions in the sample are synthetic; the counts per commune are real (INSEE 2018 dwellings + business premises).&lt;/i&gt;&lt;/p&gt;&lt;p&gt;Built with Qt (PySide6), pyqtgraph, shapely, GDAL (fiona, pyogrio), pyproj and numpy.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Rollout Planner {version}&lt;/h3&gt;&lt;p&gt;Planifier le déploiement de la fibre optique jusqu&apos;à l&apos;abonné (FTTH) sur un département français&#xa0;: phases, équipes, courbes de couverture, cartes communales et atlas.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Données de l&apos;exemple du Gers fourni&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Limites communales&#xa0;: IGN Admin Express (via france-geojson) — Licence Ouverte Etalab 2.0&lt;/li&gt;&lt;li&gt;Populations, logements et locaux d&apos;activité&#xa0;: INSEE — Licence Ouverte&lt;/li&gt;&lt;li&gt;Éligibilité à la fibre par commune&#xa0;: données ouvertes de l&apos;Arcep — Licence Ouverte&lt;/li&gt;&lt;li&gt;Adresses&#xa0;: © les contributeurs d&apos;OpenStreetMap, BANO — ODbL 1.0&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;i&gt;Dans l&apos;exemple, les positions des locaux sont synthétiques&#xa0;; les effectifs par commune sont réels (logements INSEE 2018 + locaux d&apos;activité).&lt;/i&gt;&lt;/p&gt;&lt;p&gt;Réalisé avec Qt (PySide6), pyqtgraph, shapely, GDAL (fiona, pyogrio), pyproj et numpy.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MapStatus</name>
    <message>
        <location filename="../../planner/ui/map_status.py" line="30"/>
        <source>Commune under the cursor</source>
        <extracomment>a hypothetical widest position text, to size the label once (no jitter while the mouse moves)</extracomment>
        <translation>Commune sous le curseur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/map_status.py" line="33"/>
        <source>Cursor position: Lambert-93 (EPSG:2154) metres and WGS 84 longitude/latitude</source>
        <translation>Position du curseur&#xa0;: Lambert-93 (EPSG:2154) en mètres et longitude/latitude WGS 84</translation>
    </message>
    <message>
        <location filename="../../planner/ui/map_status.py" line="37"/>
        <source>Map scale at the screen&apos;s resolution</source>
        <translation>Échelle de la carte à la résolution de l&apos;écran</translation>
    </message>
    <message>
        <location filename="../../planner/ui/map_status.py" line="56"/>
        <source>X {x} m  Y {y} m (Lambert-93)   {lon}°{ew}  {lat}°{ns}</source>
        <translation>X {x} m  Y {y} m (Lambert-93)   {lon}°{ew}  {lat}°{ns}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/map_status.py" line="57"/>
        <source>W</source>
        <comment>west</comment>
        <translation>O</translation>
    </message>
    <message>
        <location filename="../../planner/ui/map_status.py" line="69"/>
        <source>Scale 1:{scale}</source>
        <translation>Échelle 1:{scale}</translation>
    </message>
</context>
<context>
    <name>MonthDelegate</name>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="24"/>
        <source>YYYY-MM (empty: project start)</source>
        <translation>AAAA-MM (vide&#xa0;: début du projet)</translation>
    </message>
    <message>
        <source>{0} (empty: project start)</source>
        <translation>{0} (vide : début du projet)</translation>
    </message>
</context>
<context>
    <name>NewProjectWizard</name>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="268"/>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
</context>
<context>
    <name>PageOptionsBox</name>
    <message>
        <location filename="../../planner/ui/print_common.py" line="111"/>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="117"/>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="118"/>
        <source>A3 (297 × 420 mm)</source>
        <translation>A3 (297 × 420 mm)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="119"/>
        <source>Paper size</source>
        <translation>Format du papier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="121"/>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="122"/>
        <source>Landscape</source>
        <translation>Paysage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="123"/>
        <source>Page orientation</source>
        <translation>Orientation de la page</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="125"/>
        <source>By phase</source>
        <translation>Par phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="126"/>
        <source>By state at the month (eligible, marketable, connected)</source>
        <translation>Par état au mois choisi (raccordables, commercialisables, raccordés)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="127"/>
        <source>How premises are coloured on the map</source>
        <translation>Couleur des locaux sur la carte</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="132"/>
        <source>Scenario whose simulation gives the states, figures and curve</source>
        <translation>Scénario dont la simulation donne les états, les chiffres et la courbe</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="134"/>
        <source>Month shown (defaults to the time slider&apos;s month)</source>
        <translation>Mois affiché (par défaut, celui du curseur temporel)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="135"/>
        <source>&amp;Paper:</source>
        <translation>&amp;Papier&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="136"/>
        <source>&amp;Orientation:</source>
        <translation>&amp;Orientation&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="137"/>
        <source>&amp;Colour premises:</source>
        <translation>Co&amp;uleur des locaux&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="138"/>
        <source>&amp;Scenario:</source>
        <translation>&amp;Scénario&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="139"/>
        <source>&amp;Month:</source>
        <translation>&amp;Mois&#xa0;:</translation>
    </message>
    <message>
        <source>Month shown on the pages: this month by default, or the one last chosen here (not wherever the time slider was left)</source>
        <translation>Mois montré sur les pages : le mois en cours par défaut, ou le dernier choisi ici (pas celui où le curseur du temps est resté)</translation>
    </message>
    <message>
        <source>chosen here</source>
        <translation>choisi ici</translation>
    </message>
    <message>
        <source>the month last chosen for printing</source>
        <translation>le dernier mois choisi pour imprimer</translation>
    </message>
    <message>
        <source>this month</source>
        <translation>le mois en cours</translation>
    </message>
    <message>
        <source>the scenario&apos;s first month (this month is before it)</source>
        <translation>le premier mois du scénario (le mois en cours est avant)</translation>
    </message>
    <message>
        <source>the scenario&apos;s last month (this month is after it)</source>
        <translation>le dernier mois du scénario (le mois en cours est après)</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
</context>
<context>
    <name>PhaseDialogs</name>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="74"/>
        <source>One phase per value of a field</source>
        <extracomment>rows shown in a preview list</extracomment>
        <translation>Une phase par valeur d&apos;un champ</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="84"/>
        <source>Most units first</source>
        <translation>Le plus de locaux d&apos;abord</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="85"/>
        <source>By value</source>
        <translation>Par valeur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="86"/>
        <location filename="../../planner/ui/phase_dialogs.py" line="164"/>
        <source>Replace the existing phases</source>
        <translation>Remplacer les phases existantes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="88"/>
        <source>Field:</source>
        <translation>Champ&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="89"/>
        <source>Phase names from:</source>
        <translation>Noms des phases tirés de&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="90"/>
        <source>Order:</source>
        <translation>Ordre&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="104"/>
        <source>(the value itself)</source>
        <translation>(la valeur elle-même)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="174"/>
        <location filename="../../planner/ui/phase_dialogs.py" line="178"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="121"/>
        <location filename="../../planner/ui/phase_dialogs.py" line="132"/>
        <source>Phase name</source>
        <translation>Nom de la phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="132"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="135"/>
        <source>{0} phases will be created.</source>
        <translation>{0} phases seront créées.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="156"/>
        <location filename="../../planner/ui/phase_dialogs.py" line="198"/>
        <location filename="../../planner/ui/phase_dialogs.py" line="220"/>
        <source>Import phase zones</source>
        <translation>Importer des zones de phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="159"/>
        <source>{0} — {1} polygons</source>
        <translation>{0} — {1} polygones</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="160"/>
        <source>Layer:</source>
        <translation>Couche&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="166"/>
        <source>Phase field:</source>
        <translation>Champ de phase&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="174"/>
        <location filename="../../planner/ui/phase_dialogs.py" line="178"/>
        <source>Polygons</source>
        <translation>Polygones</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="175"/>
        <source>The layer has no field.</source>
        <translation>La couche n&apos;a aucun champ.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="180"/>
        <source>{0} phases will be imported.</source>
        <translation>{0} phases seront importées.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="199"/>
        <source>GIS files (*.gpkg *.shp *.geojson *.json *.fgb);;All files (*)</source>
        <translation>Fichiers SIG (*.gpkg *.shp *.geojson *.json *.fgb);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="206"/>
        <source>Choose a layer</source>
        <translation>Choisir une couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="207"/>
        <source>{0} holds several layers:</source>
        <translation>{0} contient plusieurs couches&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="249"/>
        <source>{0}: phase zones need a polygon layer, this one holds {1}s</source>
        <translation>{0}&#xa0;: les zones de phase nécessitent une couche de polygones&#xa0;; celle-ci est de type «&#xa0;{1}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="264"/>
        <source>Reading {0}</source>
        <translation>Lecture de {0}</translation>
    </message>
    <message>
        <source>{0} phase will be created.</source>
        <translation>{0} phase sera créée.</translation>
    </message>
    <message>
        <source>{0} phase will be imported.</source>
        <translation>{0} phase sera importée.</translation>
    </message>
</context>
<context>
    <name>PhasePanel</name>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="131"/>
        <source>Delete the selected phase (Delete key)</source>
        <translation>Supprimer la phase sélectionnée (touche Suppr)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="127"/>
        <source>Double-click a row number to zoom the map to the phase</source>
        <extracomment>a message for the status bar (e.g. a refused edit) the user asked to see a phase on the map (double-click on its row number); argument: phase id</extracomment>
        <translation>Double-cliquez sur un numéro de ligne pour centrer la carte sur la phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="130"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="130"/>
        <source>Add an empty phase at the end</source>
        <translation>Ajouter une phase vide à la fin</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="131"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="133"/>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="133"/>
        <source>Move the selected phase earlier (higher priority)</source>
        <translation>Avancer la phase sélectionnée (priorité plus haute)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="135"/>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="135"/>
        <source>Move the selected phase later</source>
        <translation>Reculer la phase sélectionnée</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="137"/>
        <source>Colour…</source>
        <translation>Couleur…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="137"/>
        <source>Change the colour of the selected phase</source>
        <translation>Changer la couleur de la phase sélectionnée</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="226"/>
        <source>Counting premises…</source>
        <translation>Comptage des locaux…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="230"/>
        <source>{0} phases · unplanned: {1} units ({2:.1f} %) of {3}</source>
        <translation>{0} phases · non planifiés&#xa0;: {1} locaux ({2:.1f}&#xa0;%) sur {3}</translation>
    </message>
    <message>
        <source>{0} (empty: project start)</source>
        <translation>{0} (vide : début du projet)</translation>
    </message>
    <message>
        <source>{0} · unplanned: {1} units ({2:.1f} %) of {3}</source>
        <translation>{0} · non planifiés : {1} locaux ({2:.1f} %) sur {3}</translation>
    </message>
    <message>
        <source>{0} phase</source>
        <translation>{0} phase</translation>
    </message>
    <message>
        <source>{0} phases</source>
        <translation>{0} phases</translation>
    </message>
</context>
<context>
    <name>PhaseTableModel</name>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="50"/>
        <source>no phase named &apos;{0}&apos;</source>
        <translation>aucune phase nommée «&#xa0;{0}&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="53"/>
        <source>a phase cannot depend on itself</source>
        <translation>une phase ne peut pas dépendre d&apos;elle-même</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="56"/>
        <source>percentage out of range for &apos;{0}&apos;: {1:g}</source>
        <translation>pourcentage hors limites pour «&#xa0;{0}&#xa0;»&#xa0;: {1:g}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="77"/>
        <source>Colour</source>
        <extracomment>an edit was refused; argument: the message to show (names the phase and the field)</extracomment>
        <translation>Couleur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="77"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="77"/>
        <source>Earliest
start</source>
        <translation>Démarrage
au plus tôt</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="79"/>
        <source>% of
units</source>
        <translation>% des
locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="82"/>
        <source>Phase colour on the map (double-click to change)</source>
        <translation>Couleur de la phase sur la carte (double-cliquer pour la changer)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="82"/>
        <source>Phase name</source>
        <translation>Nom de la phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="83"/>
        <source>Earliest start month, YYYY-MM (empty: the project start)</source>
        <translation>Mois de démarrage au plus tôt, AAAA-MM (vide&#xa0;: le début du projet)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="83"/>
        <source>Number of crews</source>
        <translation>Nombre d&apos;équipes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="84"/>
        <source>Premise units one crew builds per month</source>
        <translation>Locaux construits par une équipe en un mois</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="85"/>
        <source>Phases that must be done first: &apos;Phase 1, Phase 2 (50%)&apos;</source>
        <translation>Phases à réaliser d&apos;abord&#xa0;: «&#xa0;Phase 1, Phase 2 (50%)&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="86"/>
        <source>Communes with premise units in the phase</source>
        <translation>Communes ayant des locaux dans la phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="86"/>
        <source>Premise units of the phase</source>
        <translation>Locaux de la phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="87"/>
        <source>Share of the territory&apos;s premise units</source>
        <translation>Part des locaux du territoire</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="77"/>
        <source>Crews</source>
        <translation>Équipes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="78"/>
        <source>Depends on</source>
        <translation>Dépend de</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="78"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="78"/>
        <source>Units per
crew·month</source>
        <translation>Locaux par
équipe·mois</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_dialogs.py" line="133"/>
        <location filename="../../planner/ui/phase_table_model.py" line="79"/>
        <source>Units</source>
        <translation>Locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="138"/>
        <source>Double-click to change the colour</source>
        <translation>Double-cliquer pour changer la couleur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="148"/>
        <source>project start</source>
        <translation>début du projet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="197"/>
        <source>Phase &apos;{0}&apos;, {1}: {2}</source>
        <translation>Phase «&#xa0;{0}&#xa0;», {1}&#xa0;: {2}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_table_model.py" line="210"/>
        <source>must be a positive number</source>
        <translation>doit être un nombre positif</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Cost of the phase: its units at their commune&apos;s cost, plus its fixed cost (shaded: waits for money)</source>
        <translation>Coût de la phase : ses locaux au coût de leur commune, plus son coût fixe (grisé orangé : attend des crédits)</translation>
    </message>
    <message>
        <source>{0} for its units, {1} fixed; {2} spent by {3}</source>
        <translation>{0} pour ses locaux, {1} de coût fixe ; {2} dépensés à fin {3}</translation>
    </message>
    <message>
        <source>Waits for money {0} month(s), first in {1}</source>
        <translation>Attend des crédits {0} mois, la première fois en {1}</translation>
    </message>
    <message>
        <source>Studies
(months)</source>
        <translation>Études
(mois)</translation>
    </message>
    <message>
        <source>Ramp-up
(months)</source>
        <translation>Montée en
charge (mois)</translation>
    </message>
    <message>
        <source>Months of studies before building starts</source>
        <translation>Mois d&apos;études avant le début des travaux</translation>
    </message>
    <message>
        <source>Months for the crews to reach full pace</source>
        <translation>Mois pour que les équipes atteignent leur plein rythme</translation>
    </message>
    <message>
        <source>Earliest start month, YYYY-MM or &apos;June 2019&apos; (empty: the project start)</source>
        <translation>Mois de démarrage au plus tôt, AAAA-MM ou « juin 2019 » (vide : le début du projet)</translation>
    </message>
    <message>
        <source>Scenario &apos;{0}&apos; sets this value (the phase&apos;s own: {1}). Editing it changes scenario &apos;{0}&apos; only; an empty cell goes back to the phase&apos;s own value.</source>
        <translation>Le scénario « {0} » fixe cette valeur (celle de la phase : {1}). La modifier ne change que le scénario « {0} » ; une cellule vide revient à la valeur de la phase.</translation>
    </message>
    <message>
        <source>The phase&apos;s own value, used by scenario &apos;{0}&apos; (active) and every scenario that does not override it. Editing it changes the phase.</source>
        <translation>Valeur propre de la phase, utilisée par le scénario « {0} » (actif) et par tout scénario qui ne la remplace pas. La modifier change la phase.</translation>
    </message>
    <message>
        <source>Phase &apos;{0}&apos;, {1}: scenario &apos;{2}&apos; now uses the phase&apos;s own value ({3}).</source>
        <translation>Phase « {0} », {1} : le scénario « {2} » utilise maintenant la valeur de la phase ({3}).</translation>
    </message>
    <message>
        <source>Phase &apos;{0}&apos;, {1}: {2} → {3} in scenario &apos;{4}&apos; only.</source>
        <translation>Phase « {0} », {1} : {2} → {3} dans le scénario « {4} » seulement.</translation>
    </message>
    <message>
        <source>Phase &apos;{0}&apos;, {1}: {2} → {3}, the phase&apos;s own value, in every scenario</source>
        <translation>Phase « {0} », {1} : {2} → {3}, valeur propre de la phase, dans tous les scénarios</translation>
    </message>
    <message>
        <source>but {0} (they override it)</source>
        <translation>sauf {0} (qui la remplacent)</translation>
    </message>
    <message>
        <source>must be a whole number of months, 0 or more</source>
        <translation>doit être un nombre entier de mois, 0 ou plus</translation>
    </message>
</context>
<context>
    <name>PhaseTools</name>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="39"/>
        <source>{0} commune(s) selected</source>
        <extracomment>handle half-size in screen pixels do not draw handles on rings with more vertices than this (large imported zones)</extracomment>
        <translation>{0} commune(s) sélectionnée(s)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="45"/>
        <source>Press Esc again to drop the unfinished polygon</source>
        <extracomment>the messages of the core tools (planner/core/tools), for lupdate</extracomment>
        <translation>Appuyez de nouveau sur Échap pour abandonner le polygone inachevé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="46"/>
        <source>Unfinished polygon dropped</source>
        <translation>Polygone inachevé abandonné</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="47"/>
        <source>Polygon kept</source>
        <translation>Polygone conservé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="48"/>
        <source>A zone needs at least 3 distinct vertices</source>
        <translation>Une zone doit avoir au moins 3 sommets distincts</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="49"/>
        <source>The polygon has no area</source>
        <translation>Le polygone n&apos;a pas de surface</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="50"/>
        <source>Ctrl cuts a hole in the phase&apos;s zone, which has none yet: zone drawn instead</source>
        <translation>Ctrl découpe un trou dans la zone de la phase, mais elle n&apos;en a pas encore&#xa0;: la zone a été dessinée à la place</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="51"/>
        <source>This phase has no drawn zone to edit</source>
        <translation>Cette phase n&apos;a pas de zone dessinée à modifier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="57"/>
        <source>Drop the polygon?</source>
        <translation>Abandonner le polygone&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="58"/>
        <source>Drop the unfinished polygon? Its vertices will be lost.</source>
        <translation>Abandonner le polygone inachevé&#xa0;? Ses sommets seront perdus.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="180"/>
        <source>Snapping on</source>
        <translation>Accrochage activé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="180"/>
        <source>Snapping off</source>
        <translation>Accrochage désactivé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/tool_adapters.py" line="394"/>
        <source>Select a phase with a drawn zone to edit it</source>
        <translation>Sélectionnez une phase ayant une zone dessinée pour la modifier</translation>
    </message>
    <message>
        <source>New phase &apos;{0}&apos; made of the drawn zone; the next polygon adds to it (Esc in the phase table: another new phase).</source>
        <translation>Nouvelle phase « {0} » faite de la zone dessinée ; le polygone suivant s’y ajoute (Échap dans le tableau des phases : encore une nouvelle phase).</translation>
    </message>
</context>
<context>
    <name>PhaseUI</name>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="155"/>
        <source>Draw: click vertices, double-click or Enter to finish (Ctrl: cut a hole), Backspace removes the last vertex, Esc the vertex in progress.</source>
        <translation>Dessin&#xa0;: cliquez les sommets, double-clic ou Entrée pour terminer (Ctrl&#xa0;: découper un trou), Retour arrière retire le dernier sommet, Échap le sommet en cours.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="157"/>
        <source>Edit: drag a vertex or the zone, double-click an edge to add a vertex, Delete removes the vertex under the cursor.</source>
        <translation>Modification&#xa0;: faites glisser un sommet ou la zone, double-cliquez sur un côté pour ajouter un sommet, Suppr retire le sommet sous le curseur.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="159"/>
        <source>Select: click a commune, Shift+click to add or remove, drag a rectangle, Alt+drag a lasso.</source>
        <translation>Sélection&#xa0;: cliquez une commune, Maj+clic pour ajouter ou retirer, tracez un rectangle, Alt+glisser pour un lasso.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="119"/>
        <source>&amp;Zoom to phase</source>
        <translation>&amp;Zoomer sur la phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="120"/>
        <source>Zoom the map to the current phase (double-click a row number in the phase table does the same)</source>
        <translation>Zoomer la carte sur la phase courante (un double-clic sur un numéro de ligne du tableau des phases fait de même)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="188"/>
        <source>This phase has no zone and no communes yet.</source>
        <translation>Cette phase n’a encore ni zone ni communes.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="36"/>
        <location filename="../../planner/ui/phase_ui.py" line="89"/>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="41"/>
        <source>Validation</source>
        <translation>Validation</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="48"/>
        <source>Counting premises failed: {0}</source>
        <translation>Échec du comptage des locaux&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="96"/>
        <source>&amp;Draw zone</source>
        <translation>&amp;Dessiner une zone</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="97"/>
        <source>Draw a zone polygon for the current phase (click vertices, double-click or Enter to finish, Ctrl+finish cuts a hole); with no current phase a new phase is created</source>
        <translation>Dessiner le polygone de zone de la phase courante (cliquer les sommets, double-clic ou Entrée pour terminer, Ctrl en terminant découpe un trou)&#xa0;; sans phase courante, une nouvelle phase est créée</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="100"/>
        <source>&amp;Edit zone</source>
        <translation>&amp;Modifier la zone</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="101"/>
        <source>Edit the current phase&apos;s zone: drag vertices, double-click an edge to insert, Delete removes the vertex under the cursor, drag inside to move</source>
        <translation>Modifier la zone de la phase courante&#xa0;: glisser les sommets, double-cliquer sur un segment pour insérer un sommet, Suppr retire le sommet sous le curseur, glisser à l&apos;intérieur pour déplacer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="103"/>
        <source>&amp;Select communes</source>
        <translation>&amp;Sélectionner des communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="104"/>
        <source>Select communes: click, Shift+click to add or remove, drag a rectangle, Alt+drag a lasso</source>
        <translation>Sélectionner des communes&#xa0;: clic, Maj+clic pour ajouter ou retirer, glisser un rectangle, Alt+glisser un lasso</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="111"/>
        <source>S&amp;napping</source>
        <translation>Acc&amp;rochage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="112"/>
        <source>Snap to commune vertices and edges and to zone vertices</source>
        <translation>Accrocher aux sommets et segments des communes et aux sommets des zones</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="114"/>
        <source>Premises by &amp;phase</source>
        <translation>Locaux par p&amp;hase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="115"/>
        <source>Colour premises by phase (grey: unplanned) instead of by coverage state</source>
        <translation>Colorer les locaux par phase (gris&#xa0;: non planifiés) plutôt que par état de couverture</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="122"/>
        <source>&amp;New phase</source>
        <translation>&amp;Nouvelle phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="122"/>
        <source>Add an empty phase at the end</source>
        <translation>Ajouter une phase vide à la fin</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="124"/>
        <source>Phase from &amp;selection</source>
        <translation>Phase à partir de la séle&amp;ction</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="125"/>
        <source>Create a new phase made of the selected communes</source>
        <translation>Créer une nouvelle phase composée des communes sélectionnées</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="126"/>
        <source>&amp;Add selection to current phase</source>
        <translation>&amp;Ajouter la sélection à la phase courante</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="127"/>
        <source>Add the selected communes to the current phase</source>
        <translation>Ajouter les communes sélectionnées à la phase courante</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="128"/>
        <source>One phase per &amp;value of a field…</source>
        <translation>Une phase par &amp;valeur d&apos;un champ…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="129"/>
        <source>Create one phase per value of a commune field (e.g. one per intercommunality, code_epci)</source>
        <translation>Créer une phase par valeur d&apos;un champ des communes (p. ex. une par intercommunalité (EPCI), code_epci)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="131"/>
        <source>&amp;Import phase zones…</source>
        <translation>&amp;Importer des zones de phase…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="132"/>
        <source>Import phase zones from a polygon layer with a phase number or name field</source>
        <translation>Importer des zones de phase depuis une couche de polygones ayant un champ de numéro ou de nom de phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="213"/>
        <source>Select communes first.</source>
        <translation>Sélectionnez d&apos;abord des communes.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="216"/>
        <source>Phase from selection</source>
        <translation>Phase à partir de la sélection</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="227"/>
        <source>Select communes and a phase first.</source>
        <translation>Sélectionnez d&apos;abord des communes et une phase.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="230"/>
        <source>Add selection to current phase</source>
        <translation>Ajouter la sélection à la phase courante</translation>
    </message>
    <message>
        <location filename="../../planner/ui/phase_ui.py" line="237"/>
        <source>One phase per value of a field</source>
        <translation>Une phase par valeur d&apos;un champ</translation>
    </message>
    <message>
        <source>S&amp;uggest phases…</source>
        <translation>S&amp;uggérer des phases…</translation>
    </message>
    <message>
        <source>Cut the planned territory into contiguous, balanced phases ordered to reach coverage early</source>
        <translation>Découper le territoire planifié en phases d’un seul tenant, équilibrées et ordonnées pour atteindre la couverture au plus tôt</translation>
    </message>
    <message>
        <source>{new} takes the selected communes from {old}.</source>
        <translation>{new} reprend les communes sélectionnées à {old}.</translation>
    </message>
    <message>
        <source>Premises are now coloured by phase (Ctrl+Shift+M: coverage).</source>
        <translation>Les locaux sont maintenant colorés par phase (Ctrl+Maj+M : couverture).</translation>
    </message>
    <message>
        <source>Click vertices, double-click or Enter to finish (Ctrl: cut a hole), Backspace removes the last vertex.</source>
        <translation>Cliquez les sommets, double-clic ou Entrée pour terminer (Ctrl : découper un trou), Retour arrière retire le dernier sommet.</translation>
    </message>
    <message>
        <source>Drawing a new phase: no phase is selected, so the polygon makes a new one.</source>
        <translation>Dessin d’une nouvelle phase : aucune phase n’est sélectionnée, le polygone en crée une.</translation>
    </message>
    <message>
        <source>Drawing a zone for &apos;{0}&apos;: it becomes another part of it.</source>
        <translation>Dessin d’une zone pour « {0} » : elle en devient une partie de plus.</translation>
    </message>
    <message>
        <source>Drawing the zone of &apos;{0}&apos;.</source>
        <translation>Dessin de la zone de « {0} ».</translation>
    </message>
    <message>
        <source>Esc in the phase table unselects it: with no phase selected, a drawing makes a new phase.</source>
        <translation>Échap dans le tableau des phases la désélectionne : sans phase sélectionnée, un dessin crée une nouvelle phase.</translation>
    </message>
</context>
<context>
    <name>PlanVsActualPanel</name>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="35"/>
        <source>No actual figures imported (Simulation ▸ Import actuals…).</source>
        <translation>Aucun réalisé importé (Simulation ▸ Importer le réalisé…).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="37"/>
        <source>Highlight communes behind plan on the map</source>
        <translation>Mettre en évidence sur la carte les communes en retard sur le prévu</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="54"/>
        <source>INSEE code</source>
        <translation>Code INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="54"/>
        <source>commune</source>
        <translation>commune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="56"/>
        <source>{0} plan</source>
        <translation>{0} prévu</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="56"/>
        <source>{0} actual</source>
        <translation>{0} réalisé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="57"/>
        <source>{0} plan − actual</source>
        <translation>{0} prévu − réalisé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="65"/>
        <source>total</source>
        <translation>total</translation>
    </message>
    <message>
        <location filename="../../planner/ui/actuals_ui.py" line="65"/>
        <source>territory (communes with figures)</source>
        <translation>territoire (communes renseignées)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="18"/>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="22"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="26"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="28"/>
        <source>Snap to commune vertices and edges</source>
        <translation>Accrocher aux sommets et segments des communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="30"/>
        <source>Snapping</source>
        <translation>Accrochage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="34"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="36"/>
        <source>Snapping tolerance</source>
        <translation>Tolérance d&apos;accrochage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="41"/>
        <source>Default paper</source>
        <translation>Papier par défaut</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="43"/>
        <source>Landscape</source>
        <translation>Paysage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="45"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="49"/>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="50"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../planner/ui/preferences_dialog.py" line="52"/>
        <source>Autosave every</source>
        <translation>Enregistrement automatique toutes les</translation>
    </message>
    <message>
        <source>Reopen the last project</source>
        <translation>Rouvrir le dernier projet</translation>
    </message>
    <message>
        <source>Open the Gers sample (demo plan)</source>
        <translation>Ouvrir l&apos;exemple du Gers (plan de démonstration)</translation>
    </message>
    <message>
        <source>What Rollout Planner opens when it starts without a file</source>
        <translation>Ce que Rollout Planner ouvre quand il démarre sans fichier</translation>
    </message>
    <message>
        <source>At start-up</source>
        <translation>Au démarrage</translation>
    </message>
</context>
<context>
    <name>PremisesPage</name>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="242"/>
        <source>Premises (optional)</source>
        <translation>Locaux (facultatif)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="243"/>
        <source>Premise points (addresses, IPE, GraceTHD t_adresse, BAN CSV…). Leave empty to use the commune units field.</source>
        <translation>Points des locaux (adresses, IPE, GraceTHD t_adresse, CSV de la BAN…). Laisser vide pour utiliser le champ des locaux des communes.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="245"/>
        <source>Units field:</source>
        <translation>Champ des locaux&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="246"/>
        <source>Units per premise: one field, or a sum such as &apos;ad_nblhab + ad_nblpro&apos;; (one per premise) counts 1 each</source>
        <translation>Locaux par adresse&#xa0;: un champ, ou une somme comme «&#xa0;ad_nblhab + ad_nblpro&#xa0;»&#xa0;; (un par adresse) compte 1 pour chacune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="248"/>
        <source>INSEE code field:</source>
        <translation>Champ du code INSEE&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="248"/>
        <source>The commune code of each premise (optional)</source>
        <translation>Le code commune de chaque adresse (facultatif)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="255"/>
        <source>(one per premise)</source>
        <translation>(un par adresse)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="257"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
</context>
<context>
    <name>PrintAtlasDialog</name>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="28"/>
        <source>Print atlas</source>
        <translation>Imprimer l&apos;atlas</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="32"/>
        <source>the project has no commune layer to print</source>
        <translation>le projet n&apos;a pas de couche de communes à imprimer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="40"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="43"/>
        <source>&amp;All communes</source>
        <translation>&amp;Toutes les communes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="44"/>
        <source>The &amp;selected communes</source>
        <translation>Les communes sé&amp;lectionnées</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="45"/>
        <source>The communes of p&amp;hase</source>
        <translation>Les communes de la p&amp;hase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="46"/>
        <source>Communes &amp;matching</source>
        <translation>Communes &amp;correspondant à</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="47"/>
        <source>These &amp;INSEE codes</source>
        <translation>Ces codes I&amp;NSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="48"/>
        <source>Every commune of the project, in INSEE order</source>
        <translation>Toutes les communes du projet, dans l&apos;ordre INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="49"/>
        <source>The communes selected on the map</source>
        <translation>Les communes sélectionnées sur la carte</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="50"/>
        <source>The communes holding premises of one phase</source>
        <translation>Les communes ayant des locaux d&apos;une phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="51"/>
        <source>Communes whose name, INSEE code and units match every filled criterion</source>
        <translation>Communes dont le nom, le code INSEE et le nombre de locaux satisfont tous les critères renseignés</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="52"/>
        <source>Reprint only some pages: a list of INSEE codes</source>
        <translation>Réimprimer seulement certaines pages&#xa0;: une liste de codes INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="58"/>
        <source>Phase whose communes are printed</source>
        <translation>Phase dont les communes sont imprimées</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="60"/>
        <source>name contains</source>
        <translation>le nom contient</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="61"/>
        <source>Part of the commune name (case and accents ignored)</source>
        <translation>Partie du nom de la commune (sans tenir compte de la casse ni des accents)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="63"/>
        <source>INSEE prefix</source>
        <translation>préfixe INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="64"/>
        <source>Beginning of the INSEE code, e.g. 3201</source>
        <translation>Début du code INSEE, p. ex. 3201</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="67"/>
        <source>units ≥ </source>
        <translation>locaux ≥ </translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="68"/>
        <source>any units</source>
        <translation>tout nombre de locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="69"/>
        <source>Only communes with at least this many premises (units)</source>
        <translation>Seulement les communes ayant au moins ce nombre de locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="71"/>
        <source>32013, 32107</source>
        <translation>32013, 32107</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="72"/>
        <source>INSEE codes separated by commas or spaces; pages come in INSEE order</source>
        <translation>Codes INSEE séparés par des virgules ou des espaces&#xa0;; les pages suivent l&apos;ordre INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="91"/>
        <source>Start with an &amp;overview page (territory map, curve, phases)</source>
        <translation>Commencer par une page d&apos;&amp;ensemble (carte du territoire, courbe, phases)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="92"/>
        <source>A first page with the whole territory by phase and its coverage curve</source>
        <translation>Une première page avec tout le territoire par phase et sa courbe de couverture</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="96"/>
        <source>The PDF to write (replaced only when the atlas is complete)</source>
        <translation>Le PDF à écrire (remplacé seulement une fois l&apos;atlas terminé)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="100"/>
        <source>&amp;Browse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="101"/>
        <source>Choose the PDF file</source>
        <translation>Choisir le fichier PDF</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="103"/>
        <source>Output PDF:</source>
        <translation>PDF de sortie&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="120"/>
        <source>Pre&amp;view…</source>
        <translation>&amp;Aperçu…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="120"/>
        <source>Preview the first {n} pages</source>
        <translation>Aperçu des {n} premières pages</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="121"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="121"/>
        <source>Send the atlas to a printer (in the background)</source>
        <translation>Envoyer l&apos;atlas à une imprimante (en arrière-plan)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="122"/>
        <source>&amp;Write PDF</source>
        <translation>Écrire le P&amp;DF</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="122"/>
        <source>Write the atlas to the output PDF in the background</source>
        <translation>Écrire l&apos;atlas dans le PDF de sortie en arrière-plan</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="228"/>
        <source>Unknown INSEE code(s): {codes}</source>
        <translation>Code(s) INSEE inconnu(s)&#xa0;: {codes}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="231"/>
        <source>{n} communes, {p} pages</source>
        <translation>{n} communes, {p} pages</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="255"/>
        <source>Choose the output PDF first.</source>
        <translation>Choisissez d&apos;abord le PDF de sortie.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="272"/>
        <source>Writing the atlas</source>
        <translation>Écriture de l&apos;atlas</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="289"/>
        <source>Printing the atlas</source>
        <translation>Impression de l&apos;atlas</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="296"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="302"/>
        <source>Preparing the pages…</source>
        <translation>Préparation des pages…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="323"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="330"/>
        <source>overview</source>
        <translation>vue d&apos;ensemble</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="331"/>
        <source>Page {k} of {n}: {what}</source>
        <translation>Page {k} sur {n}&#xa0;: {what}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="338"/>
        <source>Wrote {pages} pages to {name} in {seconds:.1f} s ({size}).</source>
        <translation>{pages} pages écrites dans {name} en {seconds:.1f} s ({size}).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="351"/>
        <source>Sent {pages} pages to {printer} in {seconds:.1f} s.</source>
        <translation>{pages} pages envoyées à {printer} en {seconds:.1f} s.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="358"/>
        <source>Cancelled: nothing was written.</source>
        <translation>Annulé&#xa0;: rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_atlas_dialog.py" line="360"/>
        <source>The atlas failed: {error}</source>
        <translation>Échec de l&apos;atlas&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <source>{n} commune</source>
        <translation>{n} commune</translation>
    </message>
    <message>
        <source>{n} communes</source>
        <translation>{n} communes</translation>
    </message>
    <message>
        <source>{n} page</source>
        <translation>{n} page</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <source>Replace the PDF?</source>
        <translation>Remplacer le PDF ?</translation>
    </message>
    <message>
        <source>{file} already exists.

Replace it with this atlas?</source>
        <translation>{file} existe déjà.

Le remplacer par cet atlas ?</translation>
    </message>
    <message>
        <source>Not written: {name} is kept as it was.</source>
        <translation>Rien n&apos;est écrit : {name} est gardé tel quel.</translation>
    </message>
</context>
<context>
    <name>PrintCommuneDialog</name>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="22"/>
        <source>Print commune</source>
        <translation>Imprimer une commune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="26"/>
        <source>the project has no commune layer to print</source>
        <translation>le projet n&apos;a pas de couche de communes à imprimer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="30"/>
        <source>Type part of a name or an INSEE code to find a commune</source>
        <translation>Saisir une partie d&apos;un nom ou un code INSEE pour trouver une commune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="31"/>
        <source>Name or INSEE code</source>
        <translation>Nom ou code INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="45"/>
        <source>&amp;Commune:</source>
        <translation>&amp;Commune&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="52"/>
        <source>Pre&amp;view…</source>
        <translation>&amp;Aperçu…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="52"/>
        <source>Show the page in a print preview</source>
        <translation>Afficher la page dans un aperçu avant impression</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="53"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="53"/>
        <source>Send the page to a printer</source>
        <translation>Envoyer la page à une imprimante</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="54"/>
        <source>Save as P&amp;DF…</source>
        <translation>Enregistrer en P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="54"/>
        <source>Write the page to a PDF file (vector, text selectable)</source>
        <translation>Écrire la page dans un fichier PDF (vectoriel, texte sélectionnable)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="95"/>
        <source>Choose a commune first.</source>
        <translation>Choisissez d&apos;abord une commune.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="104"/>
        <source>no commune chosen</source>
        <translation>aucune commune choisie</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="111"/>
        <source>Wrote {path} ({size}, {seconds:.2f} s).</source>
        <translation>{path} écrit ({size}, {seconds:.2f} s).</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_commune_dialog.py" line="141"/>
        <source>Sent to {printer}.</source>
        <translation>Envoyé à {printer}.</translation>
    </message>
</context>
<context>
    <name>PrintDialogBase</name>
    <message>
        <location filename="../../planner/ui/print_common.py" line="216"/>
        <source>The first page as it will print</source>
        <translation>La première page telle qu&apos;elle sera imprimée</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="295"/>
        <source>No page</source>
        <translation>Aucune page</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="336"/>
        <source>Print preview</source>
        <translation>Aperçu avant impression</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="351"/>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="359"/>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_common.py" line="360"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <location filename="../../planner/ui/print_preview.py" line="49"/>
        <source>no page to print</source>
        <extracomment>an atlas preview shows this many pages at most (the overview counts as one)</extracomment>
        <translation>aucune page à imprimer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_preview.py" line="52"/>
        <source>cannot paint on the printer</source>
        <translation>impossible de dessiner sur l&apos;imprimante</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_preview.py" line="59"/>
        <source>the printer refused a new page</source>
        <translation>l&apos;imprimante a refusé une nouvelle page</translation>
    </message>
</context>
<context>
    <name>PrintUI</name>
    <message>
        <location filename="../../planner/ui/print_ui.py" line="19"/>
        <source>Print &amp;commune…</source>
        <translation>Imprimer une &amp;commune…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_ui.py" line="21"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_ui.py" line="22"/>
        <source>Print the selected commune&apos;s map page (or the one under the cursor) to a printer or PDF</source>
        <translation>Imprimer la page cartographique de la commune sélectionnée (ou de celle sous le curseur) sur une imprimante ou en PDF</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_ui.py" line="26"/>
        <source>Print &amp;atlas…</source>
        <translation>Imprimer l&apos;&amp;atlas…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_ui.py" line="28"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../../planner/ui/print_ui.py" line="29"/>
        <source>Print the pages of many communes as one PDF: all, the selected ones, a phase or a filter</source>
        <translation>Imprimer les pages de nombreuses communes dans un seul PDF&#xa0;: toutes, celles sélectionnées, une phase ou un filtre</translation>
    </message>
</context>
<context>
    <name>ProjectActions</name>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="34"/>
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="52"/>
        <source>&amp;New project…</source>
        <extracomment>a save is running (its undo-stack index, to set clean only if nothing changed meanwhile) the user already answered about unsaved changes for the close under way</extracomment>
        <translation>&amp;Nouveau projet…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="53"/>
        <source>Start a project from a commune layer and, optionally, premise points</source>
        <translation>Créer un projet à partir d&apos;une couche de communes et, en option, de points de locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="54"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="55"/>
        <source>Save the project (one GeoPackage file)</source>
        <translation>Enregistrer le projet (un fichier GeoPackage)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="56"/>
        <source>Save &amp;as…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="57"/>
        <source>Save the project to a new file</source>
        <translation>Enregistrer le projet dans un nouveau fichier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="58"/>
        <source>Re&amp;vert to saved</source>
        <translation>Re&amp;venir à la version enregistrée</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="59"/>
        <source>Drop the unsaved changes and reopen the saved file</source>
        <translation>Abandonner les modifications non enregistrées et rouvrir le fichier enregistré</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="60"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="61"/>
        <source>Export the phase plan (GeoPackage, GeoJSON, Shapefile, CSV, Excel) or the map (PNG, SVG, PDF)</source>
        <translation>Exporter le plan des phases (GeoPackage, GeoJSON, Shapefile, CSV, Excel) ou la carte (PNG, SVG, PDF)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="103"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="104"/>
        <source>“{name}” has unsaved changes. Save them first?</source>
        <translation>«&#xa0;{name}&#xa0;» a des modifications non enregistrées. Les enregistrer d&apos;abord&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="141"/>
        <source>New project “{name}”: save it to keep it.</source>
        <translation>Nouveau projet «&#xa0;{name}&#xa0;»&#xa0;: enregistrez-le pour le conserver.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="143"/>
        <source>Creating the project</source>
        <translation>Création du projet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="144"/>
        <source>The project was not created.</source>
        <translation>Le projet n&apos;a pas été créé.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="151"/>
        <source>Open project or layer</source>
        <translation>Ouvrir un projet ou une couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="152"/>
        <source>Projects and GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;Rollout Planner projects (*.gpkg);;All files (*)</source>
        <translation>Projets et fichiers SIG (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;Projets Rollout Planner (*.gpkg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="174"/>
        <source>Opening {name}</source>
        <translation>Ouverture de {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="176"/>
        <source>{file} was not opened; the open project is unchanged.</source>
        <translation>{file} n&apos;a pas été ouvert&#xa0;; le projet ouvert est inchangé.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="181"/>
        <source>File not found</source>
        <translation>Fichier introuvable</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="182"/>
        <source>{file} no longer exists; it was removed from the recent files.</source>
        <translation>{file} n&apos;existe plus&#xa0;; il a été retiré des fichiers récents.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="218"/>
        <source>Save project as</source>
        <translation>Enregistrer le projet sous</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="219"/>
        <source>Rollout Planner project (*.gpkg)</source>
        <translation>Projet Rollout Planner (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="231"/>
        <source>A save is already running.</source>
        <translation>Un enregistrement est déjà en cours.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="238"/>
        <source>The project was not saved.</source>
        <translation>Le projet n&apos;a pas été enregistré.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="254"/>
        <source>Saved {file}</source>
        <translation>{file} enregistré</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="262"/>
        <source>{file} was not saved; your changes are still open and unsaved.</source>
        <translation>{file} n&apos;a pas été enregistré&#xa0;; vos modifications sont toujours ouvertes, non enregistrées.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="265"/>
        <location filename="../../planner/ui/project_actions.py" line="327"/>
        <source>writing</source>
        <translation>écriture</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="269"/>
        <source>Saving {name}</source>
        <translation>Enregistrement de {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="277"/>
        <source>Revert to saved</source>
        <translation>Revenir à la version enregistrée</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="278"/>
        <source>Drop all changes since the last save and reopen {file}?</source>
        <translation>Abandonner toutes les modifications depuis le dernier enregistrement et rouvrir {file}&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="305"/>
        <source>Replace files?</source>
        <translation>Remplacer les fichiers&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="306"/>
        <source>These files already exist:
{names}

Replace them?</source>
        <translation>Ces fichiers existent déjà&#xa0;:
{names}

Les remplacer&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="309"/>
        <source>Export cancelled: nothing was overwritten.</source>
        <translation>Export annulé&#xa0;: rien n&apos;a été écrasé.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="335"/>
        <source>Exporting {name}</source>
        <translation>Export de {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="336"/>
        <source>The export was not written.</source>
        <translation>L&apos;export n&apos;a pas été écrit.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="339"/>
        <source>rows</source>
        <translation>lignes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="339"/>
        <source>features</source>
        <translation>entités</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="340"/>
        <source>Written:</source>
        <translation>Écrit&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_actions.py" line="345"/>
        <source>Export finished</source>
        <translation>Export terminé</translation>
    </message>
    <message>
        <source>&amp;Web map…</source>
        <translation>Carte &amp;web…</translation>
    </message>
    <message>
        <source>A web map residents can search: a folder that opens in any browser</source>
        <translation>Une carte web consultable par les habitants : un dossier qui s’ouvre dans n’importe quel navigateur</translation>
    </message>
    <message>
        <source>Per-&amp;address forecast…</source>
        <translation>Prévision par &amp;adresse…</translation>
    </message>
    <message>
        <source>One row per premise with its planned eligibility month and quarter</source>
        <translation>Une ligne par local avec son mois et son trimestre d’éligibilité prévus</translation>
    </message>
    <message>
        <source>&amp;QGIS project…</source>
        <translation>Projet &amp;QGIS…</translation>
    </message>
    <message>
        <source>A QGIS project whose time slider plays the rollout</source>
        <translation>Un projet QGIS dont le curseur temporel joue le déploiement</translation>
    </message>
    <message>
        <source>{file} was not opened.</source>
        <translation>{file} n’a pas été ouvert.</translation>
    </message>
    <message>
        <source>Not saved: the file on disk was kept as it is.</source>
        <translation>Non enregistré&#xa0;: le fichier sur le disque est resté tel quel.</translation>
    </message>
    <message>
        <source>Exported {name}.</source>
        <translation>{name} exporté.</translation>
    </message>
</context>
<context>
    <name>ProjectUI</name>
    <message>
        <location filename="../../planner/ui/project_ui.py" line="34"/>
        <source>Autosave failed: {0}</source>
        <translation>Échec de l&apos;enregistrement automatique&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_ui.py" line="112"/>
        <source>Cannot look for recovery files: {0}</source>
        <translation>Impossible de rechercher les fichiers de récupération&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_ui.py" line="133"/>
        <source>Recovered “{name}”: save it to keep it.</source>
        <translation>«&#xa0;{name}&#xa0;» récupéré&#xa0;: enregistrez-le pour le conserver.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_ui.py" line="137"/>
        <source>Recovering {name}</source>
        <translation>Récupération de {name}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/project_ui.py" line="139"/>
        <source>The recovery file was not opened; it is kept for a later try.</source>
        <translation>Le fichier de récupération n&apos;a pas été ouvert&#xa0;; il est conservé pour une tentative ultérieure.</translation>
    </message>
    <message>
        <source>Autosave failed, retrying every minute; your work is still open</source>
        <translation>L’enregistrement automatique a échoué, nouvel essai chaque minute&#xa0;; votre travail est toujours ouvert</translation>
    </message>
</context>
<context>
    <name>QColorDialog</name>
    <message>
        <location filename="../../planner/ui/phase_panel.py" line="75"/>
        <source>Phase colour</source>
        <translation>Couleur de la phase</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <location filename="../../planner/ui/help_dialogs.py" line="23"/>
        <source>Map</source>
        <translation>Carte</translation>
    </message>
</context>
<context>
    <name>QuarterTable</name>
    <message>
        <location filename="../../planner/ui/quarter_table.py" line="143"/>
        <source>Filter by name or INSEE code</source>
        <translation>Filtrer par nom ou code INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/quarter_table.py" line="183"/>
        <source>{0} of {1} communes</source>
        <translation>{0} communes sur {1}</translation>
    </message>
</context>
<context>
    <name>QuarterTableModel</name>
    <message>
        <source>Actual figure (as built)</source>
        <translation>Chiffre réel (construit)</translation>
    </message>
    <message>
        <source>{0}, actual</source>
        <translation>{0}, réel</translation>
    </message>
    <message>
        <source>{0}
actual</source>
        <translation>{0}
réel</translation>
    </message>
    <message>
        <location filename="../../planner/ui/quarter_table.py" line="42"/>
        <source>INSEE code</source>
        <translation>Code INSEE</translation>
    </message>
    <message>
        <location filename="../../planner/ui/quarter_table.py" line="42"/>
        <source>commune</source>
        <translation>commune</translation>
    </message>
    <message>
        <location filename="../../planner/ui/quarter_table.py" line="42"/>
        <source>units</source>
        <translation>locaux</translation>
    </message>
    <message>
        <location filename="../../planner/ui/quarter_table.py" line="43"/>
        <source>50 % in</source>
        <translation>50&#xa0;% au</translation>
    </message>
    <message>
        <location filename="../../planner/ui/quarter_table.py" line="43"/>
        <source>100 % in</source>
        <translation>100&#xa0;% au</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="32"/>
        <source>Recover unsaved work</source>
        <translation>Récupérer le travail non enregistré</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="36"/>
        <source>Rollout Planner did not close normally. These projects had unsaved changes that can be recovered:</source>
        <translation>Rollout Planner ne s&apos;est pas fermé normalement. Ces projets avaient des modifications non enregistrées qui peuvent être récupérées&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="43"/>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="43"/>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="43"/>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="43"/>
        <source>Original file</source>
        <translation>Fichier d&apos;origine</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="45"/>
        <source>(never saved)</source>
        <translation>(jamais enregistré)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="57"/>
        <source>Recover opens the newest copy; save it to keep it. Later keeps the files for the next start.</source>
        <translation>Récupérer ouvre la copie la plus récente&#xa0;; enregistrez-la pour la conserver. Plus tard conserve les fichiers pour le prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="62"/>
        <source>&amp;Recover</source>
        <translation>&amp;Récupérer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="63"/>
        <source>Open the selected project as it was at the last autosave</source>
        <translation>Ouvrir le projet sélectionné tel qu&apos;il était au dernier enregistrement automatique</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="65"/>
        <source>&amp;Discard</source>
        <translation>&amp;Abandonner</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="66"/>
        <source>Delete the selected recovery files</source>
        <translation>Supprimer les fichiers de récupération sélectionnés</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="67"/>
        <source>&amp;Later</source>
        <translation>&amp;Plus tard</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="68"/>
        <source>Decide at the next start</source>
        <translation>Décider au prochain démarrage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="103"/>
        <location filename="../../planner/ui/recovery_dialog.py" line="114"/>
        <source>Discard recovered work</source>
        <translation>Abandonner le travail récupéré</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="104"/>
        <source>Delete these recovery files? Their unsaved changes will be lost.

{names}</source>
        <translation>Supprimer ces fichiers de récupération&#xa0;? Leurs modifications non enregistrées seront perdues.

{names}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/recovery_dialog.py" line="115"/>
        <source>{file}: {problem}</source>
        <translation>{file}&#xa0;: {problem}</translation>
    </message>
</context>
<context>
    <name>ScenarioComparison</name>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="370"/>
        <source>eligible premises (%)</source>
        <translation>locaux raccordables (%)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="430"/>
        <source>not reached</source>
        <translation>non atteint</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="434"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="440"/>
        <source> ({0:+d} month)</source>
        <translation> ({0:+d} mois)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="440"/>
        <source> ({0:+d} months)</source>
        <translation> ({0:+d} mois)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="448"/>
        <source>differs from the active scenario ({0})</source>
        <translation>diffère du scénario actif ({0})</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Coût total</translation>
    </message>
    <message>
        <source>Spend {0}</source>
        <translation>Dépenses {0}</translation>
    </message>
</context>
<context>
    <name>ScenarioEditor</name>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="143"/>
        <source>First month of the simulation (YYYY-MM)</source>
        <translation>Premier mois de la simulation (AAAA-MM)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="147"/>
        <location filename="../../planner/ui/scenario_panel.py" line="150"/>
        <location filename="../../planner/ui/scenario_panel.py" line="156"/>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="162"/>
        <source>Twelve monthly pace factors, January to December (e.g. August 0.5)</source>
        <translation>Douze coefficients mensuels de cadence, de janvier à décembre (p. ex. août 0.5)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="168"/>
        <source>Start</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="169"/>
        <source>Horizon</source>
        <translation>Horizon</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="170"/>
        <source>Marketable after</source>
        <translation>Commercialisable après</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="171"/>
        <source>Take-up: final share</source>
        <translation>Pénétration&#xa0;: part finale</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="172"/>
        <source>Take-up: midpoint</source>
        <translation>Pénétration&#xa0;: point médian</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="173"/>
        <source>Take-up: steepness</source>
        <translation>Pénétration&#xa0;: pente</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="174"/>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="177"/>
        <source>Per-phase values in this scenario; shaded cells override the phase</source>
        <translation>Valeurs par phase dans ce scénario&#xa0;; les cellules grisées remplacent celles de la phase</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="179"/>
        <source>crews</source>
        <translation>équipes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="179"/>
        <source>units/crew/month</source>
        <translation>locaux/équipe/mois</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="180"/>
        <source>earliest start</source>
        <translation>démarrage au plus tôt</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="180"/>
        <source>study months</source>
        <translation>mois d&apos;études</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="181"/>
        <source>ramp months</source>
        <translation>mois de montée en charge</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="281"/>
        <source>the calendar needs twelve factors ≥ 0, January to December</source>
        <translation>le calendrier demande douze coefficients ≥ 0, de janvier à décembre</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="304"/>
        <source>&apos;{0}&apos; is not a valid {1}</source>
        <translation>«&#xa0;{0}&#xa0;» n&apos;est pas une valeur valide pour {1}</translation>
    </message>
</context>
<context>
    <name>ScenarioList</name>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="40"/>
        <source>Add</source>
        <extracomment>phase fields a scenario may override, with their kind</extracomment>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="40"/>
        <source>Add a scenario with default parameters</source>
        <translation>Ajouter un scénario avec les paramètres par défaut</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="41"/>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="41"/>
        <source>Copy the selected scenario</source>
        <translation>Copier le scénario sélectionné</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="42"/>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="42"/>
        <source>Rename the selected scenario</source>
        <translation>Renommer le scénario sélectionné</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="43"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="43"/>
        <source>Delete the selected scenario</source>
        <translation>Supprimer le scénario sélectionné</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="44"/>
        <source>Activate</source>
        <translation>Activer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="44"/>
        <source>Show the selected scenario on the map and curves</source>
        <translation>Afficher le scénario sélectionné sur la carte et les courbes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="77"/>
        <source>{0} (active)</source>
        <translation>{0} (actif)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="101"/>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="112"/>
        <source>Rename scenario</source>
        <translation>Renommer le scénario</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="112"/>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="121"/>
        <source>Delete scenario</source>
        <translation>Supprimer le scénario</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="122"/>
        <source>Delete scenario &apos;{0}&apos;? (Undo restores it.)</source>
        <translation>Supprimer le scénario «&#xa0;{0}&#xa0;»&#xa0;? (Annuler le rétablit.)</translation>
    </message>
    <message>
        <source>{0} (copy)</source>
        <translation>{0} (copie)</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="474"/>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../planner/ui/scenario_panel.py" line="475"/>
        <source>Comparison</source>
        <translation>Comparaison</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Coûts</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../planner/ui/help_dialogs.py" line="54"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/help_dialogs.py" line="58"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../../planner/ui/help_dialogs.py" line="58"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../planner/ui/help_dialogs.py" line="58"/>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>TaskProgressWidget</name>
    <message>
        <location filename="../../planner/ui/workers.py" line="112"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../planner/ui/workers.py" line="141"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>TimeSlider</name>
    <message>
        <location filename="../../planner/ui/time_slider.py" line="24"/>
        <source>Play the rollout month by month (Ctrl+Space)</source>
        <translation>Animer le déploiement mois par mois (Ctrl+Espace)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/time_slider.py" line="25"/>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Space</translation>
    </message>
    <message>
        <location filename="../../planner/ui/time_slider.py" line="27"/>
        <source>Month shown on the map and the curves</source>
        <translation>Mois affiché sur la carte et les courbes</translation>
    </message>
</context>
<context>
    <name>UncertaintyDialog</name>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="79"/>
        <location filename="../../planner/ui/uncertainty_view.py" line="200"/>
        <source>Uncertainty</source>
        <translation>Incertitude</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="86"/>
        <location filename="../../planner/ui/uncertainty_view.py" line="87"/>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="88"/>
        <source>Distributions (saved in the scenario)</source>
        <translation>Distributions (enregistrées dans le scénario)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="90"/>
        <source>Productivity</source>
        <translation>Productivité</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="91"/>
        <source>Study duration</source>
        <translation>Durée des études</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="92"/>
        <source>Start delay</source>
        <translation>Retard au démarrage</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="104"/>
        <source>Month of the target (YYYY-MM)</source>
        <translation>Mois de l&apos;objectif (AAAA-MM)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="106"/>
        <source>Runs</source>
        <translation>Tirages</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="107"/>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="110"/>
        <source>by</source>
        <translation>d&apos;ici</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="112"/>
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="113"/>
        <source>&amp;Run</source>
        <translation>&amp;Lancer</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="115"/>
        <source>Run the ensemble in the background</source>
        <translation>Lancer l&apos;ensemble de tirages en arrière-plan</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="116"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="118"/>
        <source>Hide bands</source>
        <translation>Masquer les bandes</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="174"/>
        <source>choose at least one uncertain parameter</source>
        <translation>choisissez au moins un paramètre incertain</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="195"/>
        <source>Running {0} runs…</source>
        <translation>{0} tirages en cours…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="217"/>
        <source>not reached</source>
        <translation>non atteint</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="222"/>
        <source>{runs} runs, seed {seed}. Probability of {pct:g} % eligible by {by}: &lt;b&gt;{p:.0%}&lt;/b&gt;</source>
        <translation>{runs} tirages, graine {seed}. Probabilité d&apos;atteindre {pct:g}&#xa0;% de raccordables d&apos;ici {by}&#xa0;: &lt;b&gt;{p:.0%}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="229"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/uncertainty_view.py" line="238"/>
        <source>The project changed: run again to update the bands.</source>
        <translation>Le projet a changé&#xa0;: relancez pour mettre à jour les bandes.</translation>
    </message>
    <message>
        <source>Productivity also drawn from the calibration&apos;s interval (kept):</source>
        <translation>Productivité tirée aussi dans l&apos;intervalle du calage (conservé)&#xa0;:</translation>
    </message>
    <message>
        <source>territory triangular {lo:+.0%} … {hi:+.0%}</source>
        <translation>territoire triangulaire {lo:+.0%} … {hi:+.0%}</translation>
    </message>
    <message>
        <source>and {n} phases with their own fit</source>
        <translation>et {n} phases ajustées séparément</translation>
    </message>
    <message>
        <source>Cost per unit, relative: P10/P50/P90 of the plan&apos;s total cost (with a budget, dearer units also slow the build)</source>
        <translation>Coût par local, relatif : P10/P50/P90 du coût total du plan (avec un budget, des locaux plus chers ralentissent aussi la construction)</translation>
    </message>
    <message>
        <source>Cost per unit</source>
        <translation>Coût par local</translation>
    </message>
    <message>
        <source>Total cost: P10 {0}, P50 {1}, P90 {2}</source>
        <translation>Coût total : P10 {0}, P50 {1}, P90 {2}</translation>
    </message>
    <message>
        <source>No run reaches {pct:g} % by {by}: the best of the {runs} runs is at {best:.1f} % then.</source>
        <translation>Aucun tirage n&apos;atteint {pct:g} % d&apos;ici {by} : le meilleur des {runs} tirages est alors à {best:.1f} %.</translation>
    </message>
    <message>
        <source>Every run reaches {pct:g} % by {by}: the worst is at {worst:.1f} % then.</source>
        <translation>Tous les tirages atteignent {pct:g} % d&apos;ici {by} : le moins bon est alors à {worst:.1f} %.</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="45"/>
        <source>Severity</source>
        <extracomment>wait this long (ms) after the last change before checking again the checks finished; argument: the list of planner.core.validation.Issue</extracomment>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="45"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="97"/>
        <source>Checking the phases…</source>
        <translation>Vérification des phases…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="113"/>
        <source>The checks failed: {0}</source>
        <translation>Échec des vérifications&#xa0;: {0}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="126"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="126"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="132"/>
        <source>(no place to zoom to)</source>
        <translation>(aucun emplacement où zoomer)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="135"/>
        <source>No problem found.</source>
        <translation>Aucun problème trouvé.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/validation_panel.py" line="135"/>
        <source>{0} problem(s).</source>
        <translation>{0} problème(s).</translation>
    </message>
</context>
<context>
    <name>_LayerPage</name>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="81"/>
        <source>(none)</source>
        <extracomment>the units combo&apos;s &quot;no field&quot; entry (stored as None)</extracomment>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="81"/>
        <source>Choose a file…</source>
        <translation>Choisir un fichier…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="83"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="84"/>
        <source>Choose the layer file</source>
        <translation>Choisir le fichier de la couche</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="88"/>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="90"/>
        <source>The layer of the file to use</source>
        <translation>La couche du fichier à utiliser</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="92"/>
        <source>Layer:</source>
        <translation>Couche&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="108"/>
        <source>GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;All files (*)</source>
        <translation>Fichiers SIG (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="132"/>
        <source>{file}: no {kind} layer in this file.</source>
        <translation>{file}&#xa0;: aucune couche de {kind} dans ce fichier.</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="133"/>
        <source>polygon</source>
        <translation>polygones</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="133"/>
        <source>point</source>
        <translation>points</translation>
    </message>
    <message>
        <location filename="../../planner/ui/new_project_wizard.py" line="143"/>
        <source>{name} ({count} features, {crs})</source>
        <translation>{name} ({count} entités, {crs})</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../planner/ui/errors.py" line="15"/>
        <source>Cannot read file</source>
        <translation>Impossible de lire le fichier</translation>
    </message>
    <message>
        <location filename="../../planner/ui/errors.py" line="16"/>
        <source>File: {path}
Problem: {what}</source>
        <translation>Fichier&#xa0;: {path}
Problème&#xa0;: {what}</translation>
    </message>
    <message>
        <location filename="../../planner/ui/errors.py" line="18"/>
        <source>Cannot do this</source>
        <translation>Action impossible</translation>
    </message>
    <message>
        <location filename="../../planner/ui/errors.py" line="19"/>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../planner/ui/errors.py" line="20"/>
        <source>An unexpected error occurred (the project was left unchanged):
{kind}: {msg}</source>
        <translation>Une erreur inattendue s&apos;est produite (le projet n&apos;a pas été modifié)&#xa0;:
{kind}&#xa0;: {msg}</translation>
    </message>
    <message>
        <source>File not written</source>
        <translation>Fichier non écrit</translation>
    </message>
</context>
<context>
    <name>ProjectUi</name>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publier</translation>
    </message>
</context>
<context>
    <name>AsBuiltBox</name>
    <message>
        <source>As of {0}: {1} units built ({2:.1f} %, actual figures). Phases: {3} done, {4} under way, {5} not begun; the plan builds the remaining {6} units.</source>
        <translation>À fin {0} : {1} locaux construits ({2:.1f} %, chiffres réels). Phases : {3} terminées, {4} en cours, {5} pas commencées ; le plan construit les {6} locaux restants.</translation>
    </message>
    <message>
        <source>latest: {0}</source>
        <translation>dernier : {0}</translation>
    </message>
    <message>
        <source>Actual figures are stored but this scenario plans from nothing.</source>
        <translation>Des chiffres réels sont enregistrés, mais ce scénario planifie à partir de zéro.</translation>
    </message>
    <message>
        <source>The plan starts from nothing (no unit built at its start).</source>
        <translation>Le plan part de zéro (aucun local construit à son début).</translation>
    </message>
    <message>
        <source>Remove actual figures {0}</source>
        <translation>Retirer les chiffres réels {0}</translation>
    </message>
    <message>
        <source>Actual figures</source>
        <translation>Chiffres réels</translation>
    </message>
    <message>
        <source>Phases under way resume with</source>
        <translation>Les phases en cours reprennent avec</translation>
    </message>
    <message>
        <source>as of</source>
        <translation>à fin</translation>
    </message>
    <message>
        <source>Remove the selected snapshot of actual figures from the project</source>
        <translation>Retirer du projet l’instantané de chiffres réels sélectionné</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Phases under way ramp up again when they resume</source>
        <translation>Les phases en cours remontent en charge à la reprise</translation>
    </message>
    <message>
        <source>Phases under way redo their studies when they resume</source>
        <translation>Les phases en cours refont leurs études à la reprise</translation>
    </message>
    <message>
        <source>ramp-up again</source>
        <translation>nouvelle montée en charge</translation>
    </message>
    <message>
        <source>studies again</source>
        <translation>nouvelles études</translation>
    </message>
    <message>
        <source>YYYY-MM; empty: the latest month with an actual figure</source>
        <translation>AAAA-MM ; vide : le dernier mois ayant un chiffre réel</translation>
    </message>
    <message>
        <source>Up to the as-of month the curves show the real figures; the plan builds only what remains</source>
        <translation>Jusqu’au mois de référence, les courbes montrent les chiffres réels ; le plan ne construit que ce qui reste</translation>
    </message>
    <message>
        <source>Start from what is built</source>
        <translation>Partir de ce qui est construit</translation>
    </message>
</context>
<context>
    <name>AsBuiltView</name>
    <message>
        <source>today</source>
        <translation>aujourd’hui</translation>
    </message>
    <message>
        <source>today (as of {0})</source>
        <translation>aujourd’hui (à fin {0})</translation>
    </message>
</context>
<context>
    <name>CommuneView</name>
    <message>
        <source>commune</source>
        <translation>commune</translation>
    </message>
    <message>
        <source>INSEE code</source>
        <translation>code INSEE</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>réalisé</translation>
    </message>
    <message>
        <source>fitted plan</source>
        <translation>prévu ajusté</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>écart</translation>
    </message>
    <message>
        <source>Furthest ahead of plan</source>
        <translation>Les plus en avance sur le prévu</translation>
    </message>
    <message>
        <source>Furthest behind plan</source>
        <translation>Les plus en retard sur le prévu</translation>
    </message>
    <message>
        <source>Actual minus fitted plan at {0}, communes whose figures count.</source>
        <translation>Réalisé moins prévu ajusté en {0}, communes dont les chiffres comptent.</translation>
    </message>
</context>
<context>
    <name>FitView</name>
    <message>
        <source>eligible units</source>
        <translation>locaux raccordables</translation>
    </message>
    <message>
        <source>Eligible units summed over the communes whose figures count</source>
        <translation>Locaux raccordables additionnés sur les communes dont les chiffres comptent</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#08519c&apos;&gt;━ ■&lt;/span&gt; fitted plan   ● actual   &lt;span style=&apos;color:#e6550d&apos;&gt;●&lt;/span&gt; held out (not used by the fit)</source>
        <translation>&lt;span style=&apos;color:#08519c&apos;&gt;━ ■&lt;/span&gt; prévu ajusté   ● réalisé   &lt;span style=&apos;color:#e6550d&apos;&gt;●&lt;/span&gt; mis de côté (non utilisé par l&apos;ajustement)</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>trimestre</translation>
    </message>
    <message>
        <source>fitted</source>
        <translation>ajusté</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>réalisé</translation>
    </message>
    <message>
        <source>error</source>
        <translation>écart</translation>
    </message>
    <message>
        <source>used</source>
        <translation>usage</translation>
    </message>
    <message>
        <source>held out</source>
        <translation>mis de côté</translation>
    </message>
    <message>
        <source>no fit</source>
        <translation>pas de calage</translation>
    </message>
</context>
<context>
    <name>PhaseView</name>
    <message>
        <source>phase</source>
        <translation>phase</translation>
    </message>
    <message>
        <source>pace from</source>
        <translation>cadence issue de</translation>
    </message>
    <message>
        <source>units per crew per month</source>
        <translation>locaux par équipe et par mois</translation>
    </message>
    <message>
        <source>90 % interval</source>
        <translation>intervalle à 90&#xa0;%</translation>
    </message>
    <message>
        <source>start shift (months)</source>
        <translation>décalage du démarrage (mois)</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>note</source>
        <translation>remarque</translation>
    </message>
    <message>
        <source>interval reaches the search limits</source>
        <translation>l&apos;intervalle atteint les limites de la recherche</translation>
    </message>
    <message>
        <source>its own fit</source>
        <translation>son propre ajustement</translation>
    </message>
    <message>
        <source>territory</source>
        <translation>territoire</translation>
    </message>
    <message>
        <source>territory fit only</source>
        <translation>ajustement du territoire seul</translation>
    </message>
    <message>
        <source>no figures in its communes</source>
        <translation>aucun chiffre dans ses communes</translation>
    </message>
    <message>
        <source>no eligible premises in its communes up to {0}</source>
        <translation>aucun local raccordable dans ses communes jusqu&apos;à {0}</translation>
    </message>
    <message>
        <source>own start, territory pace</source>
        <translation>démarrage propre, cadence du territoire</translation>
    </message>
    <message>
        <source>its figures do not bound its pace (its 90 % interval reaches both limits of the search)</source>
        <translation>ses chiffres ne bornent pas sa cadence (son intervalle à 90&#xa0;% atteint les deux limites de la recherche)</translation>
    </message>
    <message>
        <source>its figures do not bound its pace: the territory&apos;s pace, its own start</source>
        <translation>ses chiffres ne bornent pas sa cadence&#xa0;: cadence du territoire, démarrage propre</translation>
    </message>
    <message>
        <source>its communes are complete at every fitted quarter, so the figures cannot tell its pace</source>
        <translation>ses communes sont terminées à chaque trimestre ajusté, les chiffres ne disent donc rien de sa cadence</translation>
    </message>
    <message>
        <source>its plan builds nothing in its communes up to the last fitted quarter</source>
        <translation>son plan ne construit rien dans ses communes jusqu&apos;au dernier trimestre ajusté</translation>
    </message>
    <message>
        <source>a single quarter cannot fix both its pace and its start</source>
        <translation>un seul trimestre ne peut fixer à la fois sa cadence et son démarrage</translation>
    </message>
</context>
<context>
    <name>FileGuard</name>
    <message>
        <source>Project open elsewhere</source>
        <translation>Projet ouvert ailleurs</translation>
    </message>
    <message>
        <source>{file} is already open in Rollout Planner: {who}.

Open it anyway? If both of you save, the last save replaces the other&apos;s work (you will be asked before that happens).</source>
        <translation>{file} est déjà ouvert dans Rollout Planner&#xa0;: {who}.

L’ouvrir quand même&#xa0;? Si vous enregistrez tous les deux, le dernier enregistrement remplace le travail de l’autre (la question vous sera posée avant).</translation>
    </message>
    <message>
        <source>Project changed elsewhere</source>
        <translation>Projet modifié ailleurs</translation>
    </message>
    <message>
        <source> It is open in Rollout Planner: {who}.</source>
        <translation> Il est ouvert dans Rollout Planner&#xa0;: {who}.</translation>
    </message>
    <message>
        <source>{file} was changed by another program or person since you opened it.{who}

Saving now would replace their changes.</source>
        <translation>{file} a été modifié par un autre programme ou une autre personne depuis que vous l’avez ouvert.{who}

Enregistrer maintenant remplacerait ses modifications.</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Écraser</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Reload theirs</source>
        <translation>Recharger sa version</translation>
    </message>
</context>
<context>
    <name>SuggestDialog</name>
    <message>
        <source>Suggest phases</source>
        <translation>Suggérer des phases</translation>
    </message>
    <message>
        <source>communes of the plan</source>
        <translation>communes du plan</translation>
    </message>
    <message>
        <source>current phases (e.g. PM zones), grouped</source>
        <translation>phases actuelles (p. ex. zones PM), regroupées</translation>
    </message>
    <message>
        <source>build time (units × effort)</source>
        <translation>temps de construction (locaux × effort)</translation>
    </message>
    <message>
        <source>units</source>
        <translation>locaux</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>INSEE code, e.g. the NRO&apos;s commune</source>
        <translation>code INSEE, p. ex. la commune du NRO</translation>
    </message>
    <message>
        <source>no minimum</source>
        <translation>pas de minimum</translation>
    </message>
    <message>
        <source>no maximum</source>
        <translation>pas de maximum</translation>
    </message>
    <message>
        <source>each phase&apos;s own crews</source>
        <translation>équipes propres à chaque phase</translation>
    </message>
    <message>
        <source>Crews of each suggested phase; with a pool, the most it takes from the pool</source>
        <translation>Équipes de chaque phase suggérée ; avec un vivier, le plus qu’elle y prend</translation>
    </message>
    <message>
        <source>search phase counts to reach</source>
        <translation>chercher le nombre de phases pour atteindre</translation>
    </message>
    <message>
        <source>Month by which the target should be reached (YYYY-MM)</source>
        <translation>Mois auquel l’objectif doit être atteint (AAAA-MM)</translation>
    </message>
    <message>
        <source>by</source>
        <translation>en</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Découper</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Équilibrer</translation>
    </message>
    <message>
        <source>Keep whole</source>
        <translation>Garder entier</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Smallest phase (units)</source>
        <translation>Plus petite phase (locaux)</translation>
    </message>
    <message>
        <source>Largest phase (units)</source>
        <translation>Plus grande phase (locaux)</translation>
    </message>
    <message>
        <source>Crew pool</source>
        <translation>Vivier d’équipes</translation>
    </message>
    <message>
        <source>Crews per phase</source>
        <translation>Équipes par phase</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>only the selected communes ({0})</source>
        <translation>seulement les communes sélectionnées ({0})</translation>
    </message>
    <message>
        <source>&amp;Suggest</source>
        <translation>&amp;Suggérer</translation>
    </message>
    <message>
        <source>&amp;Apply (replaces the phases; undoable)</source>
        <translation>&amp;Appliquer (remplace les phases ; annulable)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Locaux</translation>
    </message>
    <message>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <source>eligible (%)</source>
        <translation>éligibles (%)</translation>
    </message>
    <message>
        <source>grey dashes: the current plan · blue: the suggestion (same crews)</source>
        <translation>tirets gris : le plan actuel · bleu : la suggestion (mêmes équipes)</translation>
    </message>
    <message>
        <source>Suggesting…</source>
        <translation>Suggestion en cours…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>non atteint</translation>
    </message>
    <message>
        <source>{n} phases; the heaviest holds {x:.2f} × the mean work.</source>
        <translation>{n} phases ; la plus lourde représente {x:.2f} × le travail moyen.</translation>
    </message>
    <message>
        <source>Suggested plan</source>
        <translation>Plan suggéré</translation>
    </message>
    <message>
        <source>Current plan</source>
        <translation>Plan actuel</translation>
    </message>
    <message>
        <source>{what}: 50 % {a} · 66 % {b} · 100 % {c}; last phase ends {d}</source>
        <translation>{what} : 50 % {a} · 66 % {b} · 100 % {c} ; dernière phase finie {d}</translation>
    </message>
    <message>
        <source>after the horizon</source>
        <translation>après l’horizon</translation>
    </message>
    <message>
        <source>{t:g} % reached in {m} (wanted by {by}).</source>
        <translation>{t:g} % atteints en {m} (voulus pour {by}).</translation>
    </message>
    <message>
        <source>Applied: Edit ▸ Undo brings the previous phases back.</source>
        <translation>Appliqué : Édition ▸ Annuler rétablit les phases précédentes.</translation>
    </message>
</context>
<context>
    <name>CostModelEditor</name>
    <message>
        <source>class</source>
        <translation>classe</translation>
    </message>
    <message>
        <source>from (units/km²)</source>
        <translation>à partir de (locaux/km²)</translation>
    </message>
    <message>
        <source>€ per unit</source>
        <translation>€ par local</translation>
    </message>
    <message>
        <source>effort</source>
        <translation>effort</translation>
    </message>
    <message>
        <source>A commune&apos;s class is the one with the highest threshold not above its density (units per km²); the lowest class must start at 0. Effort: how much longer a crew takes for one unit (1 = the phase&apos;s own pace)</source>
        <translation>La classe d&apos;une commune est celle dont le seuil est le plus élevé sans dépasser sa densité (locaux par km²) ; la classe la plus basse doit commencer à 0. Effort : combien de temps de plus une équipe met pour un local (1 = le rythme propre de la phase)</translation>
    </message>
    <message>
        <source>Commune area in km² for the density (default: the polygon&apos;s area)</source>
        <translation>Superficie de la commune en km² pour la densité (par défaut : la surface du polygone)</translation>
    </message>
    <message>
        <source>A commune field whose number replaces the class&apos;s € per unit</source>
        <translation>Un champ des communes dont la valeur remplace le coût par local de la classe</translation>
    </message>
    <message>
        <source>Fixed cost of each phase (studies, NRO/PM equipment), paid when its studies start; a phase&apos;s own fixed cost replaces it</source>
        <translation>Coût fixe de chaque phase (études, équipements NRO/PM), payé au début de ses études ; le coût fixe propre d&apos;une phase le remplace</translation>
    </message>
    <message>
        <source>year</source>
        <translation>année</translation>
    </message>
    <message>
        <source>€</source>
        <translation>€</translation>
    </message>
    <message>
        <source>Money for each year, spent in twelfths month by month; unspent money carries over. No row: no budget limit</source>
        <translation>Crédits de chaque année, versés par douzièmes chaque mois ; ce qui n&apos;est pas dépensé est reporté. Aucune ligne : pas de limite budgétaire</translation>
    </message>
    <message>
        <source>Density classes</source>
        <translation>Classes de densité</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Ajouter une classe</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>Retirer la classe</translation>
    </message>
    <message>
        <source>Effort from cost</source>
        <translation>Effort d&apos;après le coût</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Valeurs par défaut</translation>
    </message>
    <message>
        <source>Area field</source>
        <translation>Champ de superficie</translation>
    </message>
    <message>
        <source>Cost override field</source>
        <translation>Champ de coût imposé</translation>
    </message>
    <message>
        <source>Fixed cost per phase</source>
        <translation>Coût fixe par phase</translation>
    </message>
    <message>
        <source>Budget per year</source>
        <translation>Budget par année</translation>
    </message>
    <message>
        <source>Add year</source>
        <translation>Ajouter une année</translation>
    </message>
    <message>
        <source>Remove year</source>
        <translation>Retirer l&apos;année</translation>
    </message>
    <message>
        <source>Same every year…</source>
        <translation>Le même chaque année…</translation>
    </message>
    <message>
        <source>(area of the polygon)</source>
        <translation>(surface du polygone)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>class {0}: &apos;{1}&apos; is not a number</source>
        <translation>classe {0} : « {1} » n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>classe {0}</translation>
    </message>
    <message>
        <source>the lowest-density class costs nothing: no effort to scale</source>
        <translation>la classe la moins dense ne coûte rien : aucun effort à en déduire</translation>
    </message>
    <message>
        <source>budget row {0}: expected a year and an amount in €</source>
        <translation>ligne de budget {0} : une année et un montant en € sont attendus</translation>
    </message>
    <message>
        <source>€ every year:</source>
        <translation>€ chaque année :</translation>
    </message>
</context>
<context>
    <name>SpendPanel</name>
    <message>
        <source>{0} a year</source>
        <translation>{0} par an</translation>
    </message>
    <message>
        <source>spent</source>
        <translation>dépensé</translation>
    </message>
    <message>
        <source>per year</source>
        <translation>par an</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>budget</translation>
    </message>
    <message>
        <source>plan {0}</source>
        <translation>plan {0}</translation>
    </message>
    <message>
        <source>{0} % for {1}</source>
        <translation>{0} % pour {1}</translation>
    </message>
    <message>
        <source>budget too small: {0:.0f} % by {1}</source>
        <translation>budget insuffisant : {0:.0f} % à fin {1}</translation>
    </message>
    <message>
        <source>The budget is too small to finish by {0}: coverage reaches {1:.1f} % ({2} spent of {3} available; the plan costs {4})</source>
        <translation>Le budget ne suffit pas pour finir d&apos;ici {0} : la couverture atteint {1:.1f} % ({2} dépensés sur {3} disponibles ; le plan coûte {4})</translation>
    </message>
    <message>
        <source>{0}: spent {1} ({2} since January)</source>
        <translation>{0} : {1} dépensés ({2} depuis janvier)</translation>
    </message>
    <message>
        <source>budget available {0}</source>
        <translation>budget disponible {0}</translation>
    </message>
</context>
<context>
    <name>MonthText</name>
    <message>
        <source>YYYY-MM, e.g. 2019-06 or June 2019</source>
        <translation>AAAA-MM, par ex. 2019-06 ou juin 2019</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a month (expected {1})</source>
        <translation>« {0} » n&apos;est pas un mois (attendu : {1})</translation>
    </message>
</context>
<context>
    <name>ScenarioHeader</name>
    <message>
        <source>The scenario the phase table, map and curves show (choosing one activates it)</source>
        <translation>Le scénario que montrent le tableau des phases, la carte et les courbes (en choisir un l&apos;active)</translation>
    </message>
    <message>
        <source>First month of the programme in this scenario ({0})</source>
        <translation>Premier mois du programme dans ce scénario ({0})</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>How many months the scenario simulates</source>
        <translation>Nombre de mois simulés par le scénario</translation>
    </message>
    <message>
        <source>All parameters…</source>
        <translation>Tous les paramètres…</translation>
    </message>
    <message>
        <source>Every parameter of the scenario, and the other scenarios (Scenarios panel)</source>
        <translation>Tous les paramètres du scénario, et les autres scénarios (panneau Scénarios)</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>Scénario :</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Démarrage :</translation>
    </message>
    <message>
        <source>Horizon:</source>
        <translation>Horizon :</translation>
    </message>
    <message>
        <source>(to {0})</source>
        <translation>(jusqu&apos;à {0})</translation>
    </message>
    <message>
        <source>Marketable {0} months after eligibility · take-up up to {1:.0%}, half of it {2:g} months after marketing.</source>
        <translation>Commercialisable {0} mois après l&apos;éligibilité · pénétration jusqu&apos;à {1:.0%}, la moitié {2:g} mois après la commercialisation.</translation>
    </message>
    <message>
        <source>Shaded cells ({0}): set by this scenario for a phase; editing one changes this scenario only.</source>
        <translation>Cellules colorées ({0}) : fixées par ce scénario pour une phase ; en modifier une ne change que ce scénario.</translation>
    </message>
    <message>
        <source>Start: {0}</source>
        <translation>Démarrage : {0}</translation>
    </message>
    <message>
        <source>Marketable {0} months after eligibility · take-up up to {1:.0f} %, half of it {2:g} months after marketing.</source>
        <translation>Commercialisable {0} mois après l&apos;éligibilité · pénétration jusqu&apos;à {1:.0f} %, la moitié {2:g} mois après la commercialisation.</translation>
    </message>
</context>
<context>
    <name>IdentifyDetails</name>
    <message>
        <source>no phase</source>
        <translation>aucune phase</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <source>being counted…</source>
        <translation>en cours de calcul…</translation>
    </message>
    <message>
        <source>State in {0}</source>
        <translation>État en {0}</translation>
    </message>
    <message>
        <source>not planned (in no phase)</source>
        <translation>non planifié (dans aucune phase)</translation>
    </message>
    <message>
        <source>not within the simulated months (to {0})</source>
        <translation>pas dans les mois simulés (jusqu&apos;à {0})</translation>
    </message>
    <message>
        <source>Planned eligible</source>
        <translation>Raccordable prévu</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Locaux</translation>
    </message>
    <message>
        <source>Eligible in {0}</source>
        <translation>Raccordables en {0}</translation>
    </message>
    <message>
        <source>Not planned</source>
        <translation>Non planifiés</translation>
    </message>
    <message>
        <source>{0:.0f} % of its units are in no phase: the commune cannot reach 100 % until a phase takes them</source>
        <translation>{0:.0f} % de ses locaux ne sont dans aucune phase : la commune ne peut atteindre 100 % tant qu&apos;une phase ne les prend pas</translation>
    </message>
</context>
<context>
    <name>Sample</name>
    <message>
        <source>Gers sample — demo plan</source>
        <translation>Exemple du Gers — plan de démonstration</translation>
    </message>
    <message>
        <source>Gers sample</source>
        <translation>Exemple du Gers</translation>
    </message>
    <message>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <source>Premises (synthetic)</source>
        <translation>Locaux (synthétiques)</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
</context>
<context>
    <name>PhaseFlags</name>
    <message>
        <source>Part {part} of the zone of &apos;{phase}&apos; takes no premise: its {units} units go to {holders}, earlier in the order (the first phase in the order takes a premise).</source>
        <translation>La partie {part} de la zone de « {phase} » ne prend aucun local : ses {units} locaux vont à {holders}, plus tôt dans l’ordre (la première phase dans l’ordre prend un local).</translation>
    </message>
    <message>
        <source>The zone of &apos;{phase}&apos; takes no premise: its {units} units go to {holders}, earlier in the order (the first phase in the order takes a premise). Move &apos;{phase}&apos; up, or draw it elsewhere.</source>
        <translation>La zone de « {phase} » ne prend aucun local : ses {units} locaux vont à {holders}, plus tôt dans l’ordre (la première phase dans l’ordre prend un local). Remontez « {phase} » ou dessinez-la ailleurs.</translation>
    </message>
    <message>
        <source>The zone of &apos;{phase}&apos; contains no premise.</source>
        <translation>La zone de « {phase} » ne contient aucun local.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;</source>
        <translation>« {0} »</translation>
    </message>
</context>
<context>
    <name>GoalSeekReasons</name>
    <message>
        <source>each pool phase takes at most its own crews</source>
        <translation>chaque phase du vivier prend au plus ses propres équipes</translation>
    </message>
    <message>
        <source>even a start in {0} is too late with these crews</source>
        <translation>même un début en {0} est trop tard avec ces équipes</translation>
    </message>
    <message>
        <source>crews alone are too few: this is with unlimited money</source>
        <translation>les équipes seules ne suffisent pas : c’est avec un budget illimité</translation>
    </message>
    <message>
        <source>ramp-up, calendar and dependencies limit the pace</source>
        <translation>la montée en charge, le calendrier et les dépendances limitent le rythme</translation>
    </message>
    <message>
        <source>only {0:.1f} % of the units are in a phase (the rest is unplanned)</source>
        <translation>seulement {0:.1f} % des locaux sont dans une phase (le reste est hors plan)</translation>
    </message>
    <message>
        <source>at best {cov:.1f} % by {by}: phases {phases} cannot start building within the horizon (dependencies or earliest starts)</source>
        <translation>au mieux {cov:.1f} % d’ici {by} : les phases {phases} ne peuvent pas commencer les travaux dans l’horizon (dépendances ou débuts au plus tôt)</translation>
    </message>
    <message>
        <source>at best {cov:.1f} % by {by}: studies alone end in {end} (phase &apos;{phase}&apos;), so its first units come in {first}, after {by}</source>
        <translation>au mieux {cov:.1f} % d’ici {by} : les études seules finissent en {end} (phase « {phase} »), ses premiers locaux arrivent donc en {first}, après {by}</translation>
    </message>
    <message>
        <source>; {n} other phase(s) also build only after {by}</source>
        <translation> ; {n} autre(s) phase(s) ne construisent aussi qu’après {by}</translation>
    </message>
    <message>
        <source>at best {cov:.1f} % by {by} ({why})</source>
        <translation>au mieux {cov:.1f} % d’ici {by} ({why})</translation>
    </message>
</context>
<context>
    <name>ValidationWords</name>
    <message>
        <source>{0} and {1} overlap ({2} km², {3} units): these go to {0}</source>
        <translation>{0} et {1} se chevauchent ({2} km², {3} locaux) : ils vont à {0}</translation>
    </message>
    <message>
        <source>{0} has no zone and no communes</source>
        <translation>{0} n’a ni zone ni communes</translation>
    </message>
    <message>
        <source>{0} has no units of its own: its {1} units fall in earlier phases ({2})</source>
        <translation>{0} n’a aucun local à elle : ses {1} locaux tombent dans des phases antérieures ({2})</translation>
    </message>
    <message>
        <source>{0} contains no units</source>
        <translation>{0} ne contient aucun local</translation>
    </message>
    <message>
        <source>Part {0} of {1}&apos;s zone takes no units: its {2} units fall in earlier phases ({3})</source>
        <translation>La partie {0} de la zone de {1} ne prend aucun local : ses {2} locaux tombent dans des phases antérieures ({3})</translation>
    </message>
    <message>
        <source>{0} depends on an unknown phase (id {1})</source>
        <translation>{0} dépend d’une phase inconnue (id {1})</translation>
    </message>
    <message>
        <source>Dependency cycle: {0}</source>
        <translation>Cycle de dépendances : {0}</translation>
    </message>
    <message>
        <source>The zone of {0} is invalid: {1}</source>
        <translation>La zone de {0} est invalide : {1}</translation>
    </message>
    <message>
        <source>{0} lists INSEE codes absent from the communes: {1}</source>
        <translation>{0} cite des codes INSEE absents des communes : {1}</translation>
    </message>
    <message>
        <source>(and {0} more)</source>
        <translation>(et {0} autres)</translation>
    </message>
</context>
<context>
    <name>CalibrationWords</name>
    <message>
        <source>and {0} more</source>
        <translation>et {0} autres</translation>
    </message>
    <message>
        <source>&apos;{0}&apos;</source>
        <translation>« {0} »</translation>
    </message>
    <message>
        <source>before {first}, after the last fitted quarter {last}</source>
        <translation>avant {first}, après le dernier trimestre calé ({last})</translation>
    </message>
    <message>
        <source>within its horizon</source>
        <translation>dans son horizon</translation>
    </message>
    <message>
        <source>move the plan&apos;s start (or its phases&apos; earliest starts) before the figures, or pick other communes</source>
        <translation>avancez le démarrage du plan (ou les démarrages au plus tôt de ses phases) avant les chiffres, ou choisissez d’autres communes</translation>
    </message>
    <message>
        <source>fit the start too, move the plan&apos;s start before the figures, or pick other communes</source>
        <translation>calez aussi le démarrage, avancez le démarrage du plan avant les chiffres, ou choisissez d’autres communes</translation>
    </message>
    <message>
        <source>The fit cannot decide: the plan builds nothing in the communes with figures {when}, so every pace fits them equally badly. To calibrate, {todo}.</source>
        <translation>Le calage ne peut pas trancher : le plan ne construit rien dans les communes qui ont des chiffres {when}, si bien que tous les rythmes les ajustent aussi mal. Pour caler, {todo}.</translation>
    </message>
    <message>
        <source>the pace is at its lowest limit (the plan cannot build less)</source>
        <translation>le rythme est à sa limite basse (le plan ne peut pas construire moins)</translation>
    </message>
    <message>
        <source>the pace is at its highest limit (every phase finishes in its first building month)</source>
        <translation>le rythme est à sa limite haute (chaque phase finit dès son premier mois de travaux)</translation>
    </message>
    <message>
        <source>the start is at its earliest limit (one horizon before the scenario start)</source>
        <translation>le démarrage est à sa limite la plus précoce (un horizon avant le démarrage du scénario)</translation>
    </message>
    <message>
        <source>the start is at its latest limit (after it, nothing is built before the last quarter)</source>
        <translation>le démarrage est à sa limite la plus tardive (au-delà, rien n’est construit avant le dernier trimestre)</translation>
    </message>
    <message>
        <source>the plan builds units these communes do not have yet: check the phases&apos; communes and order, fit the start too, or pick other communes</source>
        <translation>le plan construit des locaux que ces communes n’ont pas encore : vérifiez les communes et l’ordre des phases, calez aussi le démarrage, ou choisissez d’autres communes</translation>
    </message>
    <message>
        <source>the figures grow faster than the plan can build: fit the start too, or check the phases</source>
        <translation>les chiffres croissent plus vite que le plan ne peut construire : calez aussi le démarrage, ou vérifiez les phases</translation>
    </message>
    <message>
        <source>the figures need a much earlier start: check the plan&apos;s phases, or fit the pace alone</source>
        <translation>les chiffres demandent un démarrage bien plus précoce : vérifiez les phases du plan, ou calez le rythme seul</translation>
    </message>
    <message>
        <source>check the plan&apos;s phases and the communes chosen</source>
        <translation>vérifiez les phases du plan et les communes choisies</translation>
    </message>
    <message>
        <source>The territory fit</source>
        <translation>Le calage du territoire</translation>
    </message>
    <message>
        <source>The fit of phase &apos;{0}&apos;</source>
        <translation>Le calage de la phase « {0} »</translation>
    </message>
    <message>
        <source>{scope} stays on a limit of the search after widening it: {what}. The figures do not decide it: {todo}.</source>
        <translation>{scope} reste sur une limite de la recherche après l’avoir élargie : {what}. Les chiffres ne tranchent pas : {todo}.</translation>
    </message>
    <message>
        <source>; or </source>
        <translation> ; ou </translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>Territoire</translation>
    </message>
    <message>
        <source>no lower bound on the pace</source>
        <translation>pas de borne basse sur le rythme</translation>
    </message>
    <message>
        <source>no upper bound on the pace</source>
        <translation>pas de borne haute sur le rythme</translation>
    </message>
    <message>
        <source>no earliest bound on the start</source>
        <translation>pas de borne précoce sur le démarrage</translation>
    </message>
    <message>
        <source>no latest bound on the start</source>
        <translation>pas de borne tardive sur le démarrage</translation>
    </message>
    <message>
        <source>{what}: the 90 % interval reaches the limits of the search ({sides}): the figures do not pin these values down.</source>
        <translation>{what} : l’intervalle à 90 % atteint les limites de la recherche ({sides}) : les chiffres ne fixent pas ces valeurs.</translation>
    </message>
    <message>
        <source>Figures of {n} communes that no phase plans are left out ({codes}; {units} eligible units at their latest quarter): no pace can build them.</source>
        <translation>Les chiffres de {n} communes qu’aucune phase ne planifie sont écartés ({codes} ; {units} locaux raccordables à leur dernier trimestre) : aucun rythme ne peut les construire.</translation>
    </message>
    <message>
        <source>{n} codes of the file match no commune of the project ({codes}).</source>
        <translation>{n} codes du fichier ne correspondent à aucune commune du projet ({codes}).</translation>
    </message>
    <message>
        <source>No quarter has figures for the chosen communes and phases: pick communes that have figures in the file.</source>
        <translation>Aucun trimestre n’a de chiffres pour les communes et les phases choisies : choisissez des communes qui ont des chiffres dans le fichier.</translation>
    </message>
    <message>
        <source>The actual eligible premises are all in communes that no phase plans ({0}): no pace can reproduce them. Add these communes to a phase, or pick other communes.</source>
        <translation>Les locaux raccordables réels sont tous dans des communes qu’aucune phase ne planifie ({0}) : aucun rythme ne peut les reproduire. Ajoutez ces communes à une phase, ou choisissez d’autres communes.</translation>
    </message>
    <message>
        <source>Every figure of the chosen communes is 0 up to {0}: there is nothing to fit a pace to. Pick communes with eligible premises, or wait for later figures.</source>
        <translation>Tous les chiffres des communes choisies valent 0 jusqu’au {0} : il n’y a rien sur quoi caler un rythme. Choisissez des communes qui ont des locaux raccordables, ou attendez des chiffres plus récents.</translation>
    </message>
    <message>
        <source>A single quarter of figures ({0}) cannot fix two values, the pace and the start: a later start with a faster pace fits it just as well. Fit the pace alone (without the start), or add figures from other quarters.</source>
        <translation>Un seul trimestre de chiffres ({0}) ne peut pas fixer deux valeurs, le rythme et le démarrage : un démarrage plus tardif avec un rythme plus rapide l’ajuste aussi bien. Calez le rythme seul (sans le démarrage), ou ajoutez des chiffres d’autres trimestres.</translation>
    </message>
    <message>
        <source>{what}: as many fitted values as quarters ({n}), so the fit is exact and has no interval; add quarters or fit fewer values.</source>
        <translation>{what} : autant de valeurs calées que de trimestres ({n}), le calage est donc exact et sans intervalle ; ajoutez des trimestres ou calez moins de valeurs.</translation>
    </message>
    <message>
        <source>Phases {0} have as many fitted values as quarters: their fits are exact and have no interval.</source>
        <translation>Les phases {0} ont autant de valeurs calées que de trimestres : leurs calages sont exacts et sans intervalle.</translation>
    </message>
    <message>
        <source>Phase {0} has as many fitted values as quarters: its fit is exact and has no interval.</source>
        <translation>La phase {0} a autant de valeurs calées que de trimestres : son calage est exact et sans intervalle.</translation>
    </message>
    <message>
        <source>Phases {0} have 90 % intervals that reach the limits of the search: the figures do not pin their values down (see the phase table).</source>
        <translation>Les phases {0} ont des intervalles à 90 % qui atteignent les limites de la recherche : les chiffres ne fixent pas leurs valeurs (voir le tableau des phases).</translation>
    </message>
    <message>
        <source>Phase {0} has 90 % intervals that reach the limits of the search: the figures do not pin its values down (see the phase table).</source>
        <translation>La phase {0} a des intervalles à 90 % qui atteignent les limites de la recherche : les chiffres ne fixent pas ses valeurs (voir le tableau des phases).</translation>
    </message>
</context>
</TS>
