package vlrubric

import (
	"regexp"
	"strings"
)

// Local VLMs often answer in Chinese, and sometimes in Japanese, Spanish, French,
// German, Italian or Portuguese. The rubric's facts come from a small closed vocabulary (numbers, colours,
// shapes, objects, invoice fields, rows and columns, yes and no), so an answer mostly in
// another language, or mixing one in, is read through this
// table into English before the rules run; it is still marked uncertain (uncertain.go),
// since the rest of such an answer is not read.

var lexicon = map[string]string{
	// Portuguese
	"pasta": "folder", "pastas": "folders", "maleta": "briefcase", "cadeado": "padlock", "engrenagem": "gear", "lixeira": "trash can", "vermelho": "red", "vermelha": "red", "vermelhos": "red", "vermelhas": "red", "amarelo": "yellow", "amarela": "yellow", "laranja": "orange", "roxo": "purple", "roxa": "purple", "preto": "black", "preta": "black", "branco": "white", "branca": "white", "cinza": "grey", "marrom": "brown", "um": "one", "dois": "two", "duas": "two", "três": "three", "sete": "seven", "oito": "eight", "nove": "nine", "dez": "ten", "estrela": "star", "quadrado": "square", "quadrados": "squares", "linha": "row", "coluna": "column", "colunas": "columns", "esquerda": "left", "direita": "right", "porta": "door", "janela": "window", "janelas": "windows", "árvore": "tree", "nuvem": "cloud", "pássaro": "bird", "telhado": "roof", "chaminé": "chimney", "não": "not", "sim": "yes", "ou": "or",
	// Spanish
	"uno": "one", "una": "one", "dos": "two", "tres": "three", "cuatro": "four", "cinco": "five", "seis": "six",
	"siete": "seven", "ocho": "eight", "nueve": "nine", "diez": "ten",
	"círculo": "circle", "círculos": "circles", "cuadrado": "square", "cuadrados": "squares",
	"triángulo": "triangle", "triángulos": "triangles", "estrella": "star", "estrellas": "stars",
	"hexágono": "hexagon", "hexágonos": "hexagons", "rombo": "diamond", "rombos": "diamonds",
	"rojo": "red", "roja": "red", "rojos": "red", "rojas": "red", "azul": "blue", "azules": "blue",
	"verde": "green", "verdes": "green", "amarillo": "yellow", "amarilla": "yellow", "amarillos": "yellow",
	"naranja": "orange", "naranjas": "orange", "morado": "purple", "morada": "purple", "morados": "purple",
	"marrón": "brown", "gris": "grey", "negro": "black", "blanco": "white", "rosa": "pink",
	"fila": "row", "filas": "rows", "columna": "column", "columnas": "columns", "sí": "yes",
	"izquierda": "left", "derecha": "right", "puerta": "door", "ventana": "window", "ventanas": "windows",
	"árbol": "tree", "sol": "sun", "nube": "cloud", "pájaro": "bird", "techo": "roof", "tejado": "roof",
	"carpeta": "folder", "directorio": "directory", "sobre": "envelope", "candado": "padlock", "lupa": "magnifying glass",
	"figuras": "shapes", "formas": "shapes", "alta": "highest", "más": "", "vale": "is", "es": "is", "mismo": "same",
	"misma": "same", "mantiene": "keeps", "cada": "each", "mayor": "largest", "barra": "bar", "barras": "bars",
	"sin": "without", "tiene": "has", "falta": "missing", "chimenea": "chimney", "casa": "house", "papelera": "trash can",
	"engranaje": "gear", "forma": "shape", "sola": "single", "solo": "single", "única": "single", "único": "single", "color": "colour", "celda": "cell", "vacía": "empty", "casilla": "cell", "nunca": "never", "faltan": "missing", "figura": "shape", "grande": "large",
	"pequeño": "small", "menor": "smallest", "máximo": "maximum", "mínimo": "minimum", "último": "last",
	"elemento": "element", "elementos": "elements", "cuenta": "counts", "depende": "depends", "devuelve": "returns", "devolvería": "would return", "debería": "should", "deberia": "should", "devolverá": "will return", "retorna": "returns",
	"impuesto": "tax", "impuestos": "tax", "iva": "tax", "importe": "amount",
	"aumenta": "increases", "crece": "grows", "cantidad": "count", "número": "number",
	// French
	"un": "one", "une": "one", "deux": "two", "trois": "three", "quatre": "four", "cinq": "five", "sept": "seven", "huit": "eight",
	"neuf": "nine", "dix": "ten",
	"cercle": "circle", "cercles": "circles", "carré": "square", "carrés": "squares", "étoile": "star", "étoiles": "stars",
	"hexagone": "hexagon", "hexagones": "hexagons", "losange": "diamond",
	"rouge": "red", "rouges": "red", "bleu": "blue", "bleue": "blue", "bleus": "blue", "vert": "green", "verte": "green",
	"verts": "green", "jaune": "yellow", "jaunes": "yellow", "violet": "purple", "violets": "purple", "marron": "brown",
	"noir": "black", "blanc": "white", "ligne": "row", "lignes": "rows", "colonne": "column", "colonnes": "columns",
	"oui": "yes", "non": "no", "gauche": "left", "droite": "right", "porte": "door", "fenêtre": "window",
	"fenêtres": "windows", "arbre": "tree", "soleil": "sun", "nuage": "cloud", "oiseau": "bird", "toit": "roof",
	"dossier": "folder", "répertoire": "directory", "enveloppe": "envelope", "cadenas": "padlock", "loupe": "magnifying glass",
	"est": "is", "même": "same", "garde": "keeps", "chaque": "each", "augmente": "increases",
	"élevée": "high", "élevé": "high", "haute": "high", "haut": "high", "taxe": "tax", "taxes": "tax",
	"sous": "sub", "barre": "bar", "barres": "bars",
	"formes": "shapes", "pas": "not", "jamais": "never", "sans": "without", "disparu": "disappeared", "possède": "has",
	"cheminée": "chimney", "maison": "house", "poubelle": "trash can", "engrenage": "gear",
	"grand": "large", "sa": "its", "propre": "own", "propres": "own", "case": "cell", "vide": "empty", "forme": "shape", "seule": "single", "seul": "single", "petit": "small", "petite": "small", "dernier": "last", "élément": "element",
	"éléments": "elements", "dépend": "depends", "cela": "it", "renvoie": "returns", "renverrait": "would return", "devrait": "should", "retourne": "returns", "retournerait": "would return", "compte": "counts", "manque": "missing",
	// German
	"eins": "one", "zwei": "two", "drei": "three", "vier": "four", "fünf": "five", "sechs": "six", "sieben": "seven",
	"acht": "eight", "neun": "nine", "zehn": "ten",
	"kreis": "circle", "kreise": "circles", "quadrat": "square", "quadrate": "squares", "dreieck": "triangle",
	"dreiecke": "triangles", "stern": "star", "sterne": "stars", "sechseck": "hexagon", "sechsecke": "hexagons",
	"rot": "red", "rote": "red", "roten": "red", "blau": "blue", "blaue": "blue", "blauen": "blue", "grün": "green",
	"grüne": "green", "gelb": "yellow", "gelbe": "yellow", "orangefarben": "orange", "lila": "purple", "braun": "brown",
	"grau": "grey", "schwarz": "black", "weiß": "white", "zeile": "row", "zeilen": "rows", "reihe": "row",
	"reihen": "rows", "spalte": "column", "spalten": "columns", "ja": "yes", "nein": "no", "links": "left",
	"rechts": "right", "tür": "door", "fenster": "window", "baum": "tree", "sonne": "sun", "wolke": "cloud",
	"vogel": "bird", "dach": "roof", "höchste": "highest", "höchsten": "highest", "ist": "is", "ordner": "folder", "verzeichnis": "directory", "umschlag": "envelope", "briefumschlag": "envelope", "umschlags": "envelope", "vorhängeschloss": "padlock", "gleiche": "same",
	"gleichen": "same", "selbe": "same", "dieselbe": "same", "derselbe": "same", "dasselbe": "same", "dieselben": "same", "immer": "always", "behält": "keeps", "jede": "each", "jeder": "each", "steigt": "increases", "wächst": "grows",
	"höchster": "highest", "höchstes": "highest", "größte": "largest", "größten": "largest", "steuer": "tax", "mwst": "tax", "balken": "bar", "säule": "bar", "säulen": "bars",
	"insgesamt": "in total", "formen": "shapes", "orangefarbene": "orange", "orangefarbenen": "orange", "orangene": "orange",
	"nicht": "not", "kein": "no", "keine": "no", "keinen": "no", "nie": "never", "ohne": "without", "fehlt": "missing",
	"hat": "has", "wird": "is", "beträgt": "is", "schornstein": "chimney", "haus": "house", "mülleimer": "trash can",
	"zahnrad": "gear", "lupe": "magnifying glass", "suche": "search", "suchen": "search", "suchfunktion": "search", "vergrößern": "zoom", "griff": "handle", "schloss": "lock", "schlüsselloch": "keyhole", "bügel": "shackle", "lasche": "tab", "reiter": "tab", "klappe": "flap", "orangefarbener": "orange", "orangefarbenes": "orange",
	"grüner": "green", "grünes": "green", "grünen": "green", "grünem": "green", "blauer": "blue", "blaues": "blue", "blauem": "blue", "roter": "red", "rotes": "red", "rotem": "red", "gelber": "yellow", "gelbes": "yellow", "gelben": "yellow", "gelbem": "yellow", "schwarzer": "black", "schwarzes": "black", "schwarzen": "black", "schwarzem": "black", "weißer": "white", "weißes": "white", "weißen": "white", "weißem": "white", "brauner": "brown", "braunes": "brown", "braunen": "brown", "braunem": "brown", "grauer": "grey", "graues": "grey", "grauen": "grey", "grauem": "grey", "orangeer": "orange", "orangees": "orange", "orangeen": "orange", "orangeem": "orange", "violetter": "purple", "violettes": "purple", "violetten": "purple", "violettem": "purple", "ein": "a", "einen": "a", "einem": "a", "einer": "a", "wäre": "would be", "würde": "would", "falsch": "wrong",
	"kleinste": "smallest", "kleinsten": "smallest", "erste": "first", "ersten": "first", "erstes": "first", "letzte": "last", "letzten": "last", "gibt": "returns", "sollte": "should", "liefert": "returns", "ergibt": "gives", "zählt": "counts",
	"fehlende": "missing", "gehören": "belongs", "gehört": "belongs", "leere": "empty", "leeren": "empty", "zelle": "cell",
	"form": "shape", "nur": "only", "eine": "one", "fehlen": "missing", "anzahl": "count", "oben": "top", "unten": "bottom",
	"zwischensumme": "subtotal", "gesamtbetrag": "total", "betrag": "amount", "summe": "total",
	// Articles, prepositions and joins, so that sides and states read as in English ("que
	// no está en la izquierda": "that no is in the left"; "auf der rechten Seite").
	"el": "the", "la": "the", "los": "the", "las": "the", "le": "the", "les": "the", "der": "the", "die": "the",
	"das": "the", "dem": "the", "den": "the", "en": "in", "dans": "in", "sur": "on", "auf": "on", "im": "in the",
	"del": "of the", "de": "of", "et": "and", "und": "and", "está": "is", "están": "are", "son": "are",
	"sont": "are", "sind": "are", "que": "that", "mientras": "while", "pero": "but", "mais": "but", "aber": "but",
	"während": "while", "tandis": "while", "rechten": "right", "linken": "left", "rechte": "right", "linke": "left",
	"negra": "black", "negras": "black", "negros": "black", "blanca": "white", "blancas": "white", "blancos": "white",
	"amarillas": "yellow", "moradas": "purple", "grises": "grey", "marrones": "brown", "rosas": "pink",
	"noire": "black", "noires": "black", "noirs": "black", "blanche": "white", "blanches": "white", "blancs": "white",
	"grise": "grey", "violette": "purple", "vertes": "green", "bleues": "blue",
	// Italian
	"vingt": "twenty", "trente": "thirty", "quarante": "forty", "cinquante": "fifty", "soixante": "sixty",
	"veinte": "twenty", "treinta": "thirty", "cuarenta": "forty", "cincuenta": "fifty", "sesenta": "sixty",
	"venti": "twenty", "trenta": "thirty", "quaranta": "forty", "cinquanta": "fifty", "sessanta": "sixty",
	"zwanzig": "twenty", "dreißig": "thirty", "vierzig": "forty", "fünfzig": "fifty", "sechzig": "sixty",
	"vinte": "twenty", "trinta": "thirty", "quarenta": "forty", "cinquenta": "fifty", "sessenta": "sixty",
	"fuera": "were", "fueran": "were", "terminaría": "would end", "iría": "would go", "llegaría": "would reach",
	"irait": "would go", "finirait": "would end", "arriverait": "would reach", "falsa": "false",
	"ninguna": "none", "ninguno": "none", "ningún": "none", "aucune": "none", "aucun": "none", "se": "is",
	"recorre": "followed", "flecha": "arrow", "flechas": "arrows", "flèche": "arrow", "flèches": "arrows",
	"hintergrund": "background", "hintergrunds": "background", "schrift": "lettering", "fond": "background",
	"fondo": "background", "sfondo": "background", "eigene": "its own", "eigenen": "its own", "eigener": "its own", "eigenes": "its own", "toma": "takes", "doit": "must", "contenir": "contain", "contient": "contains", "debe": "must",
	"contener": "contain", "deve": "must", "contenere": "contain", "muss": "must", "enthalten": "contain",
	"enthält": "contains", "si": "if", "avait": "had", "été": "been", "aurait": "would have", "serait": "would be", "sería": "would be",
	"hubiera": "had", "habría": "would have", "avrebbe": "would have", "sarebbe": "would be", "fosse": "were",
	"wenn": "if", "falls": "if", "hätte": "had", "así": "so", "exactamente": "exactly", "exactement": "exactly", "esattamente": "exactly", "genau": "exactly",
	"ambos": "both", "ambas": "both", "beide": "both", "beiden": "both", "entrambi": "both", "entrambe": "both", "valor": "value", "valeur": "value", "valore": "value", "wert": "value", "su": "its",
	"llega": "reaches", "alcanza": "reaches", "atteint": "reaches", "raggiunge": "reaches", "erreicht": "reaches",
	"línea": "line", "tre": "three", "otto": "eight", "tutto": "total", "tutti": "all", "due": "two", "quattro": "four", "cinque": "five", "sei": "six", "sette": "seven",
	"dieci": "ten", "cerchio": "circle", "cerchi": "circles", "quadrati": "squares", "triangolo": "triangle",
	"triangoli": "triangles", "stella": "star", "stelle": "stars", "esagono": "hexagon", "esagoni": "hexagons",
	"rombi": "diamonds", "rosso": "red", "rossa": "red", "rossi": "red", "rosse": "red",
	"blu": "blue", "verdi": "green", "giallo": "yellow", "gialla": "yellow", "gialli": "yellow", "gialle": "yellow",
	"arancione": "orange", "arancioni": "orange", "viola": "purple", "marrone": "brown", "marroni": "brown",
	"nero": "black", "nera": "black", "neri": "black", "nere": "black", "bianco": "white", "bianchi": "white",
	"bianche": "white", "grigio": "grey", "grigia": "grey", "grigi": "grey", "sinistra": "left", "destra": "right",
	"riga": "row", "righe": "rows", "colonna": "column", "casella": "cell", "cella": "cell", "vuota": "empty",
	"vuoto": "empty", "finestra": "window", "finestre": "windows", "sole": "sun", "nuvola": "cloud", "albero": "tree",
	"uccello": "bird", "tetto": "roof", "camino": "chimney", "comignolo": "chimney", "cartella": "folder",
	"lucchetto": "padlock", "busta": "envelope", "cestino": "trash can", "ingranaggio": "gear", "totale": "total",
	"subtotale": "subtotal", "imposta": "tax", "tasse": "tax", "importo": "amount", "più": "", "è": "is", "sono": "are",
	"nessun": "no", "nessuna": "no", "senza": "without", "manca": "missing", "mancano": "missing", "ogni": "each",
	"stessa": "same", "stesso": "same", "stessi": "same", "stesse": "same", "cresce": "grows", "numero": "number",
	"conta": "counts", "restituisce": "returns", "ritorna": "returns", "ultimo": "last", "elementi": "elements",
	"massimo": "maximum", "minimo": "minimum", "il": "the", "lo": "the", "gli": "the", "della": "of the",
	"dello": "of the", "delle": "of the", "dei": "of the", "degli": "of the", "nella": "in the", "nel": "in the",
	"nello": "in the", "nelle": "in the", "nei": "in the", "sulla": "on the", "sul": "on the",
	"ma": "but", "mentre": "while", "di": "of", "ha": "has", "hanno": "have", "ci": "there", "sì": "yes",
	"vero": "true", "falso": "false", "soltanto": "only", "presente": "present", "assente": "absent",
	"cambiato": "changed", "diverso": "different", "diversa": "different", "differenze": "differences",
	// Code review words (a comparison reversed, zeros counted) in German, French,
	// Spanish and Italian
	"vertauscht": "reversed", "umgekehrt": "reversed", "vergleich": "comparison", "fehler": "bug",
	"statt": "instead of", "korrektur": "correction", "lösung": "fix", "übersprungen": "skipped", "überspringt": "skips", "größer": "greater", "kleiner": "smaller", "inversée": "reversed", "inversé": "reversed",
	"comparaison": "comparison", "erreur": "error", "zéro": "zero", "zéros": "zeros", "comparación": "comparison",
	"invertida": "reversed", "invertido": "reversed", "cero": "zero", "ceros": "zeros", "condición": "condition", "corrección": "correction",
	"confronto": "comparison", "correzione": "correction", "invertito": "reversed", "zeri": "zeros",
	// Dutch (the words it does not share with German)
	"zon": "sun", "deur": "door", "ramen": "windows", "raam": "window", "bruin": "brown", "rood": "red",
	"rode": "red", "geel": "yellow", "gele": "yellow", "groen": "green", "groene": "green", "blauw": "blue",
	"blauwe": "blue", "wolk": "cloud", "boom": "tree", "schoorsteen": "chimney", "huis": "house", "twee": "two",
	"drie": "three", "één": "one", "vijf": "five", "zes": "six", "ontbreekt": "missing", "hetzelfde": "same",
	"heeft": "has", "cirkel": "circle", "cirkels": "circles", "vierkant": "square", "vierkanten": "squares",
	"driehoek": "triangle", "driehoeken": "triangles", "ster": "star", "sterren": "stars", "vormen": "shapes",
	"verschillen": "differences", "afbeeldingen": "images", "afbeelding": "image",
	// Portuguese, beside the Spanish spellings it shares
	"triângulo": "triangle", "triângulos": "triangles", "estrelas": "stars", "quatro": "four", "linhas": "rows",
	"célula": "cell", "vazia": "empty", "quantidade": "count", "mesma": "same", "mesmo": "same", "contém": "contains",
	"total": "total",
}

// degreeRe is a comparison in French, Spanish or Italian: "la plus grande" (the largest),
// "une valeur plus grande" (larger), "el valor más alto" (the highest; Spanish and
// Italian put the article before the noun), "più alto di uno" (higher than).
var degreeRe = regexp.MustCompile(`(?i)\b(?:((?:la|le|les)\s+)?(plus)|más|più)\s+(alt[oaie]s?|élevée?s?|hautes?|hauts?|grandes?|grandi|grands?|pequeñ[oa]s?|piccol[oaie]|petites?|petits?)\b(\s+(?:di|que|de|than)\b)?`)

// degree rewrites one degreeRe match in English.
func degree(m string) string {
	sm := degreeRe.FindStringSubmatch(m) // 1: French article, 2: French "plus", 3: adjective, 4: "than"
	adj := strings.ToLower(sm[3])
	sup, comp := "highest", "higher"
	switch {
	case strings.HasPrefix(adj, "grand"):
		sup, comp = "largest", "larger"
	case strings.HasPrefix(adj, "peque"), strings.HasPrefix(adj, "piccol"), strings.HasPrefix(adj, "petit"):
		sup, comp = "smallest", "smaller"
	}
	switch {
	case sm[4] != "":
		return comp + " than"
	case sm[2] != "" && sm[1] == "":
		return comp // "une valeur plus grande"
	case sm[2] != "":
		return "the " + sup
	}
	return sup
}

// bothOf is "les deux", "los dos", "tutti e due": both, not the number two.
var bothOf = regexp.MustCompile(`(?i)\b(?:(?:toutes|tous)\s+)?les\s+deux\b|\b(?:los|las)\s+dos\b|\btutt[ie]\s+e\s+due\b`)

// insteadOf is "instead of" in the lexicon's languages, which are several words there.
var insteadOf = regexp.MustCompile(`(?i)\ben\s+(?:lugar|vez)\s+de\b|\bau\s+lieu\s+de\b|\binvece\s+di\b|\banstatt\b|\bem\s+vez\s+de\b`)

// toSide is Italian "a sinistra", "a destra" (to the left, to the right).
var toSide = regexp.MustCompile(`(?i)\ba\s+(sinistra|destra)\b`)

// prepositionArticle is a Spanish or French "to/at the" before a side ("a la derecha",
// "à la gauche"), a French "à" ("à vingt") or a Spanish "al" ("al lado"), which the
// word table cannot take (a lone "a" is English too, and French "a" is "has").
var prepositionArticle = regexp.MustCompile(`(?i)\b(?:a|à)\s+(?:la|las|los|el|le|les|l')\s*(?:derecha|izquierda|droite|gauche)\b|(?:^|\s)à\s+|\bal\b`)

// lexiconHan is the Chinese vocabulary, longest terms first (Chinese is written without
// spaces, so terms are replaced where they stand).
var lexiconHan = [][2]string{
	{"最大值所在的位置", " position of the largest "}, {"最小值所在的位置", " position of the smallest "}, {"最大值的位置", " position of the largest "},
	{"最小值的位置", " position of the smallest "}, {"最大值的索引", " index of the largest "}, {"最小值的索引", " index of the smallest "},
	{"开始", " Start "}, {"開始", " Start "}, {"更正", " Correction: "}, {"有意为之", " is intentional "}, {"总和", " sum "}, {"故意的", " is intentional "}, {"颜色", " colour "}, {"顏色", " colour "}, {"列表", " list "}, {"修正方法", " fix "}, {"修复方法", " fix "}, {"修正", " fix "}, {"修复", " fix "},
	{"而不是", " instead of "}, {"永远不", " never "}, {"从不", " never "}, {"跳过", " skip "}, {"漏掉", " miss "}, {"遗漏", " miss "}, {"忽略", " ignore "},
	{"比較されません", " never compared "}, {"されません", " not "}, {"元素", " element "}, {"比较", " compared "},
	{"（是", " (Yes "}, {"是）", " Yes) "}, {"是，", " Yes, "}, {"（否", " (No "}, {"否）", " No) "}, {"否，", " No, "},
	{"→ 是", "→ Yes"}, {"→ 否", "→ No"}, {"是 →", "Yes →"}, {"否 →", "No →"}, {"只有在", " only if "}, {"只有当", " only if "}, {"路径", " path "}, {"到达", " reaches "},
	{"三角形", "triangle"}, {"正方形", "square"}, {"长方形", "rectangle"}, {"六边形", "hexagon"}, {"五角星", "star"},
	{"圆形", "circle"}, {"方形", "square"}, {"星形", "star"}, {"菱形", "diamond"},
	{"红色", "red"}, {"蓝色", "blue"}, {"绿色", "green"}, {"黄色", "yellow"}, {"橙色", "orange"}, {"紫色", "purple"},
	{"棕色", "brown"}, {"灰色", "grey"}, {"黑色", "black"}, {"白色", "white"}, {"粉色", "pink"},
	{"、", ", "}, {"，", ", "}, {"：", ": "}, {"。", ". "}, {"；", "; "}, {"（", " ("}, {"）", ") "},
	{"总金额", "total"}, {"小计", "subtotal"}, {"税额", "tax"}, {"税", "tax"}, {"金额", "amount"}, {"形状", "shapes"}, {"图形", "shapes"}, {"个", " "},
	{"\"是\"", " Yes "}, {"“是”", " Yes "}, {"「是」", " Yes "}, {"\"否\"", " No "}, {"“否”", " No "}, {"统计", " counts "}, {"计数", " counts "}, {"正数", " positive "}, {"最小", "smallest"}, {"最后", "last"}, {"返回", "returns"}, {"缺少", "missing"}, {"没有", " no "}, {"不", " not "}, {"烟囱", "chimney"}, {"房子", "house"}, {"垃圾桶", "trash can"}, {"齿轮", "gear"}, {"有", " has "}, {"柱子", " bar "}, {"柱", " bar "}, {"最大", "largest"}, {"最多", "most"}, {"增加", "increases"}, {"递增", "increases"}, {"最高", "highest"}, {"相同", "same"}, {"同一", "same"}, {"每", "each "}, {"总共", "total"}, {"一共", "total"}, {"总计", "total"}, {"合计", "total"},
	{"左边", "left"}, {"右边", "right"}, {"左侧", "left"}, {"右侧", "right"}, {"左图", "left"}, {"右图", "right"},
	{"文件夹", "folder"}, {"门", "door"}, {"窗户", "windows"}, {"窗", "window"}, {"树", "tree"}, {"太阳", "sun"},
	{"云", "cloud"}, {"鸟", "bird"}, {"屋顶", "roof"},
	// Japanese (kanji shared with Chinese are above; kana terms here)
	{"全部で", " in total "}, {"図形", " shapes "}, {"しかありません", " only "}, {"ありません", " absent "}, {"いません", " absent "}, {"ない", " not "}, {"なし", " none "},
	{"五芒星", "star"}, {"六角形", "hexagon"}, {"ひし形", "diamond"}, {"赤色", "red"}, {"赤い", "red"}, {"青色", "blue"}, {"青い", "blue"},
	{"緑色", "green"}, {"紫色", "purple"}, {"茶色", "brown"}, {"黒い", "black"}, {"白い", "white"},
	{"オレンジ", "orange"}, {"ピンク", "pink"}, {"フォルダー", "folder"}, {"フォルダ", "folder"}, {"ディレクトリ", "directory"},
	{"ファイル", "file"}, {"封筒", "envelope"}, {"南京錠", "padlock"}, {"ゴミ箱", "trash can"}, {"歯車", "gear"}, {"虫眼鏡", "magnifying glass"},
	{"メール", "mail"}, {"タブ", "tab"}, {"ドア", "door"}, {"屋根", "roof"}, {"煙突", "chimney"}, {"違い", "difference"},
	{"同じ", "same"}, {"どちらも", "both"}, {"最も高い", "highest"}, {"一番高い", "highest"}, {"ドル", " dollars "}, {"合計", "total"}, {"太陽", "sun"}, {"总结", " conclusion "}, {"公文包", " briefcase "}, {"目录", " directory "}, {"会", " would "}, {"挂锁", "padlock"}, {"钥匙孔", "keyhole"}, {"锁", "lock"}, {"密码", "password"}, {"安全", "security"}, {"信封", "envelope"}, {"邮件", "mail"}, {"放大镜", "magnifying glass"}, {"搜索", "search"}, {"设置", "settings"}, {"的数值", " value "}, {"数值", " value "}, {"最低", " lowest "}, {"其次", " next "}, {"的", " "}, {"小計", "subtotal"}, {"請求書", "invoice"}, {"はい", " Yes "},
	{"いいえ", " No "}, {"スタート", "Start"}, {"マス", "cell"}, {"セル", "cell"}, {"空欄", "empty"}, {"空白", "empty"}, {"要素", "element"},
	{"バグ", "bug"}, {"範囲", "range"}, {"返す", "returns"}, {"返します", "returns"},
	{"増え", "increases"}, {"各", "each "},
	{"赤", "red"}, {"青", "blue"}, {"緑", "green"}, {"紫", "purple"}, {"黒", "black"}, {"白", "white"}, {"円", "circle"}, {"丸", "circle"},
	{"星", "star"}, {"窓", "window"}, {"木", "tree"}, {"雲", "cloud"}, {"鳥", "bird"}, {"家", "house"}, {"扉", "door"},
	{"左", "left"}, {"右", "right"}, {"個", " "}, {"の", " "}, {"です", " "}, {"があります", " "}, {"には", " "}, {"は", " "}, {"が", ": "},
	{"十", "10"}, {"九", "9"}, {"八", "8"}, {"七", "7"}, {"六", "6"}, {"五", "5"}, {"四", "4"}, {"三", "3"},
	{"两", "2"}, {"二", "2"}, {"一", "1"}, {"行", "row"}, {"列", "column"}, {"是", "is"}, {"否", "no"},
}

var (
	// decimalComma is a number written with a decimal comma, as these languages write
	// money and measures ("87,21 $", "1.042,50 €", "1 042,50"): thousands grouped by dots
	// or spaces, then a comma and one or two decimals.
	decimalComma = regexp.MustCompile(`\b(\d{1,3}(?:[.\x{a0}\x{202f} ]\d{3})+|\d+),(\d{1,2})\b`)
	lexiconWord  = regexp.MustCompile(`[\pL]+`)
	hanRe        = regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}]`)
	// counterWord is a Japanese counter after a number ("3つ", "5個"), which says only
	// that it counts.
	counterWord = regexp.MustCompile(`(\d)\s*(?:つ|本|枚|匹|羽)`)
)

// decimalCommas rewrites numbers with a decimal comma with a point ("87,21" → "87.21"),
// except in lists of numbers written without spaces ("10,15,20").
func decimalCommas(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range decimalComma.FindAllStringIndex(s, -1) {
		before, after := s[:m[0]], s[m[1]:]
		if strings.HasSuffix(before, ",") || len(after) > 1 && after[0] == ',' && after[1] >= '0' && after[1] <= '9' {
			continue
		}
		num := s[m[0]:m[1]]
		i := strings.LastIndexByte(num, ',')
		b.WriteString(s[last:m[0]])
		b.WriteString(strings.NewReplacer(".", "", " ", "", "\u00a0", "", "\u202f", "").Replace(num[:i]))
		b.WriteString("." + num[i+1:])
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// toEnglish rewrites the closed vocabulary of s in English, word by word (and term by
// term in Chinese). Words it does not know are kept.
func toEnglish(s string) string {
	s = decimalCommas(s)
	s = toSide.ReplaceAllString(s, "on the $1")
	s = degreeRe.ReplaceAllStringFunc(s, degree)
	s = insteadOf.ReplaceAllString(s, "instead of")
	s = bothOf.ReplaceAllString(s, "both")

	s = prepositionArticle.ReplaceAllStringFunc(s, func(m string) string {
		lead := m[:len(m)-len(strings.TrimLeft(m, " \t\n"))] // the space before it stays
		switch f := strings.Fields(m); {
		case len(f) == 3: // "a la derecha": on the right
			return lead + "on the " + f[2]
		case strings.EqualFold(strings.TrimSpace(m), "à"): // French "à vingt": at
			return lead + "at "
		}
		return lead + "on the " // Spanish "al": a + el
	})
	if hanRe.MatchString(s) {
		for _, kv := range lexiconHan {
			s = strings.ReplaceAll(s, kv[0], " "+kv[1]+" ")
		}
		s = counterWord.ReplaceAllString(s, "$1 ")
	}
	return lexiconWord.ReplaceAllStringFunc(s, func(w string) string {
		if e, ok := lexicon[strings.ToLower(w)]; ok {
			return e
		}
		return w
	})
}
