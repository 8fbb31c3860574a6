package match

// cyrillicLatin transliterates Cyrillic letters (lower case) as Russian
// and Ukrainian passports do since 2013 (ICAO Doc 9303): ж zh, х kh, ц ts,
// щ shch, й i, ю iu, я ia, ъ ie, ь dropped. ISO 9 spellings (ž, č, š, ŝ, û,
// â, ʹ) fold to the same letters in Fold, and the skeleton absorbs the
// older conventions (y for й, ya for я, yu for ю, h for х).
var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "ie", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu",
	'я': "ia", 'і': "i", 'ї': "i", 'є': "ie", 'ґ': "g", 'ў': "u", 'ә': "a", 'ө': "o",
	'ү': "u", 'ұ': "u", 'қ': "k", 'ғ': "g", 'ң': "n", 'һ': "h",
}

// cyrillic returns the Latin spelling of a (case-folded) Cyrillic letter;
// a letter outside the table is kept, to be read as punctuation.
func cyrillic(r rune) string {
	if l, ok := cyrillicLatin[r]; ok {
		return l
	}
	return string(r)
}
