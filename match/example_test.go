package match

import "testing"

func TestExamples(t *testing.T) {
	c := Default()
	born, _ := ParseDate("1962")
	cases := []struct {
		a, b Record
		want bool
	}{
		{Record{Names: []Name{{Family: "Пак", Given: "Ен Ир"}}}, Record{Text: "Pak Yong Il"}, true},
		{Record{Names: []Name{{Family: "박", Given: "영일"}}}, Record{Text: "Пак Ен Ир"}, true},
		{Record{Names: []Name{{Family: "박", Given: "영일"}}}, Record{Text: "Yong-Il Park"}, true},
		{Record{Names: []Name{{Family: "Pak", Given: "Yong Il"}}, BirthDate: Date{1962, 3, 4}}, Record{Text: "박영일", BirthDate: born}, true},
		{Record{Names: []Name{{Family: "Жуков", Given: "Дмитрий Сергеевич"}}}, Record{Text: "Dmitrij Žukov"}, true},
		{Record{Names: []Name{{Family: "Жуков", Given: "Дмитрий Сергеевич"}}}, Record{Text: "D. Zhukov"}, true},
		{Record{Names: []Name{{Family: "이", Given: "민준"}}}, Record{Text: "Lee Min-jun"}, true},
		{Record{Names: []Name{{Family: "이", Given: "민준"}}}, Record{Text: "Ri Min Jun"}, true},
		{Record{Names: []Name{{Family: "최", Given: "성호"}}}, Record{Text: "Цой Сон Хо"}, true},
		{Record{Names: []Name{{Family: "박", Given: "영일"}}}, Record{Text: "Pak Yong Su"}, false},
		{Record{Names: []Name{{Family: "Kim", Given: "Yong Il"}}, BirthDate: Date{1962, 3, 4}}, Record{Text: "Kim Yong Il", BirthDate: Date{1971, 3, 4}}, false},
	}
	for _, tc := range cases {
		r := c.Compare(tc.a, tc.b)
		if (r.Score >= c.Threshold) != tc.want {
			t.Errorf("%v / %v: score %v, want match %v; %+v", tc.a, tc.b, r.Score, tc.want, r.Reasons)
		} else {
			t.Logf("%v / %v: %v", tc.a.Names, tc.b.Text, r.Score)
		}
	}
}
